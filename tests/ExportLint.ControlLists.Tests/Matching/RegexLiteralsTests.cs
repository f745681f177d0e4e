using System.Text;
using System.Text.RegularExpressions;
using ExportLint.ControlLists.Matching;

namespace ExportLint.ControlLists.Tests.Matching;

/// <summary>
/// The text a regex's every match must contain, used to rule out string constants before the regex runs. A wrong
/// requirement would silently hide findings, so soundness is tested on many texts, not only on examples.
/// </summary>
public class RegexLiteralsTests
{
    [Theory]
    [InlineData(@"(^|[\s;&|])(sbatch|srun|salloc)\b.*--(gres[= ](\S*:)?gpu|gpus(-per-[a-z]+)?[= ])", "sbatch|srun|salloc")]
    [InlineData(@"^#SBATCH\s+--(gres[= ](\S*:)?gpu|gpus(-per-[a-z]+)?[= ])", "#SBATCH")]
    [InlineData(@"^(p4d|p4de|p5|p5e|p5en|p6-[a-z0-9]+|p6e-[a-z0-9]+|trn1|trn1n|trn2|trn2u)\.[0-9]*xlarge$", "xlarge")]
    [InlineData(@"^ml\.(p4d|p4de|p5|p5e|p5en|p6-[a-z0-9]+|p6e-[a-z0-9]+|trn1|trn1n|trn2)\.[0-9]*xlarge$", "xlarge")]
    [InlineData(@"^Standard_(ND[0-9A-Za-z_]*|NC[0-9A-Za-z_]*H100[0-9A-Za-z_]*)$", "Standard_")]
    [InlineData(@"a(bc)d", "abcd")]
    [InlineData(@"ab+cd", "ab")]
    [InlineData(@"xy?z", "x")]
    [InlineData(@"(?<name>cuda|rocm)-\d+", "cuda|rocm")]
    [InlineData(@"(?:nv|amd)\.com/gpu", ".com/gpu")]
    [InlineData(@"gpu|tpu", "gpu|tpu")]
    [InlineData(@"[]a]bcd", "bcd")]
    [InlineData(@"a{2}bc", "bc")]
    [InlineData(@"a{,2}", null)]
    [InlineData(@"(?i)nvidia", null)]
    [InlineData(@"(?(x)a|b)", null)]
    [InlineData(@"gpu|.*", null)]
    [InlineData(@"(ab)*c", "c")]
    [InlineData(@"\d+", null)]
    [InlineData(@"x(?=abc)y", "xy")]
    [InlineData(@"\x41bc", "bc")]
    [InlineData(@"\u0041bc", "bc")]
    [InlineData(@"a\tb", "a")]
    [InlineData(@"ab\k<n>cd", "ab")]
    [InlineData(@"(?'n'ab)cd", "abcd")]
    [InlineData(@"a(", null)]
    [InlineData(@"a)", null)]
    [InlineData(@"[a-z-[aeiou]]xyz", "xyz")]
    public void Required_text_of_a_regex(string pattern, string? expected)
    {
        var required = RegexLiterals.RequiredAnyOf(pattern);
        Assert.Equal(expected, required is null ? null : string.Join("|", required.OrderBy(r => Array.IndexOf(expected?.Split('|') ?? [], r))));
    }

    public static TheoryData<string, bool, string> Patterns => new()
    {
        { @"(^|[\s;&|])(sbatch|srun|salloc)\b.*--(gres[= ](\S*:)?gpu|gpus(-per-[a-z]+)?[= ])", false, "run: sbatch -N 2 --gres=gpu:4 job.sh" },
        { @"^#SBATCH\s+--(gres[= ](\S*:)?gpu|gpus(-per-[a-z]+)?[= ])", false, "#SBATCH --gpus-per-node=8" },
        { @"^(p4d|p5|p5e|p6-[a-z0-9]+|trn1|trn2u)\.[0-9]*xlarge$", false, "p6-b200.48xlarge" },
        { @"^Standard_(ND[0-9A-Za-z_]*|NC[0-9A-Za-z_]*H100[0-9A-Za-z_]*)$", true, "Standard_NC40ads_H100_v5" },
        { @"ab+c?d", false, "xabbbd" },
        { @"(ab|cd)+e{1,2}f*", false, "abcdeef" },
        { @"x(?=yz)y", false, "axyz" },
        { @"(?<n>ab|a)\k<n>b", false, "aab" },
        { @"[]a]b[^c]d", true, "]bxd" },
        { @"a(?:b|c(?:d|e))f", true, "acef" },
        { @"(gpu|tpu)\b", true, "a tpu" },
        { @"a.b{0}c", false, "axc" },
        { @"(a|b)(c|d)", false, "bd" },
        { @"k\.s", true, "K.S" },
    };

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Every_match_contains_a_required_text(string pattern, bool ignoreCase, string example)
    {
        var options = RegexOptions.CultureInvariant | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        var regex = new Regex(pattern, options);
        Assert.Matches(regex, example);
        var required = RegexLiterals.RequiredAnyOf(pattern);
        Assert.NotNull(required);

        // Texts near a match: the example after a few random edits (delete, insert, repeat, change case) with
        // characters and fragments of the pattern, so that many match and many barely do not.
        var random = new Random(pattern.Length * 7919 + example.Length);
        var pieces = Regex.Split(pattern, @"[\\()\[\]|?*+{}^$.]").Where(f => f.Length > 0)
            .Concat(pattern.Select(c => c.ToString()))
            .Concat(["-", " ", "1", "x", "_", "\u212A", "\u0131"])
            .ToArray();
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var matched = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var text = new StringBuilder(example);
            for (var edits = random.Next(4); edits > 0; edits--)
            {
                var at = random.Next(text.Length + 1);
                switch (random.Next(4))
                {
                    case 0 when text.Length > 0:
                        text.Remove(Math.Min(at, text.Length - 1), 1 + random.Next(Math.Min(3, text.Length - Math.Min(at, text.Length - 1))));
                        break;
                    case 1:
                        text.Insert(at, pieces[random.Next(pieces.Length)]);
                        break;
                    case 2 when at < text.Length:
                        text.Insert(at, text.ToString(at, Math.Min(3, text.Length - at)));
                        break;
                    default:
                        if (at < text.Length)
                        {
                            text[at] = char.IsUpper(text[at]) ? char.ToLowerInvariant(text[at]) : char.ToUpperInvariant(text[at]);
                        }

                        break;
                }
            }

            var candidate = text.ToString();
            if (!regex.IsMatch(candidate))
            {
                continue;
            }

            matched++;
            Assert.True(
                required!.Any(r => candidate.Contains(r, comparison)) || ignoreCase && candidate.IndexOfAny(StringPattern.CaseFoldsToAscii) >= 0,
                $"/{pattern}/ matches \"{candidate}\", which contains none of {string.Join(", ", required!)}");
        }

        Assert.True(matched >= 1000, $"only {matched} texts matched /{pattern}/: the test would prove little");
    }

    [Fact]
    public void A_string_pattern_gives_the_regex_answer_with_and_without_the_required_text()
    {
        var pattern = new StringPattern(StringMatchKind.Regex, @"^Standard_(ND[0-9A-Za-z_]*|NC[0-9A-Za-z_]*H100[0-9A-Za-z_]*)$", ignoreCase: true, StringContext.Any, member: null);

        Assert.True(pattern.IsMatch("standard_nd96isr_h100_v5", out _));
        Assert.True(pattern.IsMatch("STANDARD_NC40ADS_H100_V5", out _));
        Assert.False(pattern.IsMatch("Standard_D4s_v5", out _));
        Assert.False(pattern.IsMatch("Basic_ND96", out _));

        // A non-ASCII text skips the search and goes to the regex, whose case folding is wider (U+212A KELVIN SIGN).
        var kelvin = new StringPattern(StringMatchKind.Regex, "k8s-gpu", ignoreCase: true, StringContext.Any, member: null);
        Assert.True(kelvin.IsMatch("\u212A8S-GPU", out _));
    }

    [Fact]
    public void Only_the_listed_characters_outside_ASCII_match_an_ASCII_letter_case_insensitively()
    {
        var letter = new Regex("^[a-z]$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var found = Enumerable.Range(128, 0x10000 - 128)
            .Select(c => (char)c)
            .Where(c => !char.IsSurrogate(c) && letter.IsMatch(c.ToString()))
            .ToArray();

        Assert.NotEmpty(found);
        Assert.All(found, c => Assert.Contains(c, StringPattern.CaseFoldsToAscii));
    }

    [Fact]
    public void A_deeply_nested_pattern_gets_no_requirement_and_no_deep_stack()
    {
        Assert.Equal("aab", string.Join("|", RegexLiterals.RequiredAnyOf(new string('(', 20) + "a" + new string(')', 20) + "ab") ?? []));
        Assert.Null(RegexLiterals.RequiredAnyOf(new string('(', 8_000) + "a" + new string(')', 8_000)));
    }
}
