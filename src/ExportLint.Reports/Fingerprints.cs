using System.Security.Cryptography;
using System.Text;

namespace ExportLint.Reports;

/// <summary>
/// A finding's fingerprint: what was found (ID, entry, evidence), in which file, and the text of its line with the
/// whitespace folded. It leaves out the line number, so an unrelated edit above the finding keeps the fingerprint;
/// a second identical line in the same file gets an ordinal, given by the producer.
/// </summary>
public static class Fingerprints
{
    /// <summary>The fingerprint of a finding whose line reads <paramref name="lineText"/> (null when there is no line).</summary>
    public static string Of(Finding finding, string? lineText, int ordinal = 0)
    {
        var text = new StringBuilder()
            .Append(finding.Id).Append('\n')
            .Append(finding.EntryId).Append('\n')
            .Append(finding.Location.File.Replace('\\', '/')).Append('\n')
            .Append(finding.Evidence.Symbol).Append('\n')
            .Append(finding.Evidence.Text).Append('\n')
            .Append(finding.Evidence.Package?.Id).Append('\n')
            .Append(finding.Evidence.ModelFile?.Path).Append('\n')
            .Append(Fold(lineText)).Append('\n')
            .Append(ordinal);
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()));
        var hex = new StringBuilder(32);
        for (var i = 0; i < 16; i++)
        {
            hex.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }

    private static string Fold(string? line)
    {
        if (line is null)
        {
            return string.Empty;
        }

        var folded = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            if (!char.IsWhiteSpace(c))
            {
                folded.Append(c);
            }
        }

        return folded.ToString();
    }
}
