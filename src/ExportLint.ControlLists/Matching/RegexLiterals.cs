using System.Text;

namespace ExportLint.ControlLists.Matching;

/// <summary>
/// Finds text that every match of a regular expression must contain: for <c>(sbatch|srun|salloc)\b.*--gres</c>,
/// one of "sbatch", "srun", "salloc" (and "--gres"). The analyzers test every string constant of a compilation
/// against the list's regexes; a substring search rules out almost all of them before the regex engine starts.
/// </summary>
/// <remarks>
/// The reading is conservative: any construct it does not fully understand (inline options, conditionals, a
/// top-level alternation with a branch that requires nothing) gives no requirement, and the regex then always runs.
/// It never claims a requirement the regex does not have; a property test holds it to that.
/// </remarks>
public static class RegexLiterals
{
    /// <summary>
    /// Alternatives of which every match contains at least one, chosen to rule out the most texts; null when no
    /// such requirement is known.
    /// </summary>
    public static string[]? RequiredAnyOf(string pattern)
    {
        var reader = new Reader(pattern);
        var branches = reader.Alternation();
        if (reader.Failed || reader.Position != pattern.Length)
        {
            return null;
        }

        return Combine(branches);
    }

    // A requirement of a whole alternation: one of its branches matched, so the union of one requirement of each.
    private static string[]? Combine(List<Branch> branches)
    {
        var union = new List<string>();
        foreach (var branch in branches)
        {
            if (branch.Best() is not { } best)
            {
                return null;
            }

            union.AddRange(best);
        }

        return union.Count == 0 ? null : union.Distinct(StringComparer.Ordinal).ToArray();
    }

    private sealed class Branch
    {
        private readonly StringBuilder _run = new();

        public List<string[]> Requirements { get; } = [];

        // True while the branch is nothing but literal characters: then it is its own exact text.
        public bool IsLiteral { get; set; } = true;

        public string? Literal { get; private set; }

        public void Append(char c) => _run.Append(c);

        public void EndRun()
        {
            if (_run.Length > 0)
            {
                Requirements.Add([_run.ToString()]);
                _run.Clear();
            }
        }

        public void Finish()
        {
            if (IsLiteral)
            {
                Literal = _run.ToString();
            }

            EndRun();
        }

        // The requirement whose shortest alternative is longest: the most selective to search for.
        public string[]? Best()
        {
            string[]? best = null;
            var bestLength = 0;
            foreach (var requirement in Requirements)
            {
                var shortest = requirement.Min(r => r.Length);
                if (shortest > bestLength)
                {
                    best = requirement;
                    bestLength = shortest;
                }
            }

            return best;
        }
    }

    private sealed class Reader(string pattern)
    {
        // Groups nest by recursion here; a deeper pattern gets no requirement rather than a deep stack (a list's
        // value may be 16 KiB of parentheses).
        private const int MaxDepth = 32;
        private int _depth;

        public int Position { get; private set; }

        public bool Failed { get; private set; }

        private bool AtEnd => Position >= pattern.Length;

        private char Peek(int offset = 0) => Position + offset < pattern.Length ? pattern[Position + offset] : '\0';

        // alternation := branch ('|' branch)*, ending at the end of the pattern or at a ')' (not consumed).
        public List<Branch> Alternation()
        {
            var branches = new List<Branch> { Sequence() };
            while (!Failed && Peek() == '|' && !AtEnd)
            {
                Position++;
                branches.Add(Sequence());
            }

            return branches;
        }

        private Branch Sequence()
        {
            var branch = new Branch();
            while (!Failed && !AtEnd && Peek() is not ('|' or ')'))
            {
                Atom(branch);
            }

            branch.Finish();
            return branch;
        }

        private void Atom(Branch branch)
        {
            var c = Peek();
            char? literal = null;
            string[]? requirement = null;
            var zeroWidth = false;
            switch (c)
            {
                case '\\':
                    literal = Escape(out zeroWidth);
                    break;
                case '[':
                    SkipClass();
                    break;
                case '(':
                    requirement = Group(out zeroWidth, out var groupLiteral);
                    if (groupLiteral is { Length: > 0 } && Quantifier(peekOnly: true) == QuantifierKind.None)
                    {
                        // "(abc)" reads as "abc", so the run continues through it.
                        foreach (var ch in groupLiteral)
                        {
                            branch.Append(ch);
                        }

                        return;
                    }

                    break;
                case '^' or '$':
                    Position++;
                    zeroWidth = true;
                    break;
                case '.':
                    Position++;
                    break;
                case '*' or '+' or '?' or '{' when c != '{' || IsCountedQuantifier():
                    // A quantifier with nothing before it: not a pattern this reading understands.
                    Failed = true;
                    return;
                default:
                    Position++;
                    literal = c;
                    break;
            }

            if (Failed)
            {
                return;
            }

            var quantifier = Quantifier(peekOnly: false);
            if (zeroWidth && quantifier == QuantifierKind.None)
            {
                // An anchor or a look-around consumes nothing: the characters on each side stay adjacent.
                branch.IsLiteral = false;
                return;
            }

            if (literal is { } ch2 && quantifier == QuantifierKind.None)
            {
                branch.Append(ch2);
                return;
            }

            branch.IsLiteral = false;
            if (literal is { } once && quantifier == QuantifierKind.AtLeastOnce)
            {
                // "ab+c": "ab" is certain, and so is "b" followed by "c", but not "abc".
                branch.Append(once);
                branch.EndRun();
                return;
            }

            branch.EndRun();
            if (requirement is not null && quantifier != QuantifierKind.Optional)
            {
                branch.Requirements.Add(requirement);
            }
        }

        private enum QuantifierKind
        {
            None,
            Optional,
            AtLeastOnce,
        }

        private QuantifierKind Quantifier(bool peekOnly)
        {
            var start = Position;
            QuantifierKind kind;
            switch (Peek())
            {
                case '?' or '*':
                    Position++;
                    kind = QuantifierKind.Optional;
                    break;
                case '+':
                    Position++;
                    kind = QuantifierKind.AtLeastOnce;
                    break;
                case '{' when IsCountedQuantifier():
                    Position++;
                    var minimum = 0;
                    while (char.IsDigit(Peek()))
                    {
                        minimum = Math.Min(minimum * 10 + (Peek() - '0'), 100_000);
                        Position++;
                    }

                    while (Peek() != '}')
                    {
                        Position++;
                    }

                    Position++;
                    kind = minimum > 0 ? QuantifierKind.AtLeastOnce : QuantifierKind.Optional;
                    break;
                default:
                    return QuantifierKind.None;
            }

            if (Peek() == '?')
            {
                Position++; // lazy
            }

            if (peekOnly)
            {
                Position = start;
            }

            return kind;
        }

        // "{n}", "{n,}", "{n,m}" and (in .NET) "{,m}"; any other '{' is a literal character.
        private bool IsCountedQuantifier()
        {
            var i = Position + 1;
            var digits = 0;
            while (i < pattern.Length && char.IsDigit(pattern[i]))
            {
                i++;
                digits++;
            }

            if (i < pattern.Length && pattern[i] == ',')
            {
                i++;
                while (i < pattern.Length && char.IsDigit(pattern[i]))
                {
                    i++;
                    digits++;
                }
            }

            return digits > 0 && i < pattern.Length && pattern[i] == '}';
        }

        // After '\': an escaped punctuation character is itself; escapes that stand for a class, an anchor, a
        // back-reference or a code point are read as "some character" (or nothing, for anchors).
        private char? Escape(out bool zeroWidth)
        {
            zeroWidth = false;
            Position++;
            if (AtEnd)
            {
                Failed = true;
                return null;
            }

            var c = pattern[Position++];
            if (!char.IsLetterOrDigit(c))
            {
                return c;
            }

            switch (c)
            {
                case 'b' or 'B' or 'A' or 'z' or 'Z' or 'G':
                    zeroWidth = true;
                    return null;
                case 'p' or 'P' when Peek() == '{':
                    SkipTo('}');
                    return null;
                case 'k' when Peek() is '<' or '\'':
                    SkipTo(Peek() == '<' ? '>' : '\'');
                    return null;
                case 'x':
                    Position += 2;
                    return null;
                case 'u':
                    Position += 4;
                    return null;
                case 'c':
                    Position += 1;
                    return null;
                default:
                    // \d, \w, \s, \t, \n …, or a back-reference or octal escape whose digits follow.
                    while (char.IsDigit(c) && char.IsDigit(Peek()))
                    {
                        Position++;
                    }

                    return null;
            }
        }

        private void SkipTo(char end)
        {
            while (!AtEnd && pattern[Position] != end)
            {
                Position++;
            }

            if (AtEnd)
            {
                Failed = true;
                return;
            }

            Position++;
        }

        // A character class, with escapes, a leading ']' and subtractions ("[a-z-[aeiou]]").
        private void SkipClass()
        {
            Position++;
            if (Peek() == '^')
            {
                Position++;
            }

            if (Peek() == ']')
            {
                Position++;
            }

            var depth = 1;
            while (!AtEnd && depth > 0)
            {
                var c = pattern[Position++];
                if (c == '\\')
                {
                    Position++;
                }
                else if (c == '[' && Position >= 2 && pattern[Position - 2] == '-')
                {
                    depth++;
                }
                else if (c == ']')
                {
                    depth--;
                }
            }

            Failed |= depth > 0;
        }

        // '(' … ')': the requirement of its alternation, or nothing for look-arounds and comments. Inline options and
        // conditionals change how the rest reads: give up on the whole pattern.
        private string[]? Group(out bool zeroWidth, out string? literal)
        {
            zeroWidth = false;
            literal = null;
            Position++;
            if (++_depth > MaxDepth)
            {
                Failed = true;
                return null;
            }

            try
            {
                return GroupContent(out zeroWidth, out literal);
            }
            finally
            {
                _depth--;
            }
        }

        private string[]? GroupContent(out bool zeroWidth, out string? literal)
        {
            zeroWidth = false;
            literal = null;
            if (Peek() == '?')
            {
                var next = Peek(1);
                if (next == ':' || next == '>')
                {
                    Position += 2;
                }
                else if (next == '=' || next == '!' || (next == '<' && Peek(2) is '=' or '!'))
                {
                    // A look-around: what it requires is not consumed, and a negative one requires the opposite.
                    Position += next == '<' ? 3 : 2;
                    Alternation();
                    zeroWidth = true;
                    Close();
                    return null;
                }
                else if (next == '<' || next == '\'')
                {
                    // A named (or balancing) group: skip the name, read the content.
                    Position += 2;
                    SkipTo(next == '<' ? '>' : '\'');
                }
                else if (next == '#')
                {
                    SkipTo(')');
                    zeroWidth = true;
                    return null;
                }
                else
                {
                    Failed = true;
                    return null;
                }
            }

            var branches = Alternation();
            Close();
            if (Failed)
            {
                return null;
            }

            if (branches.Count == 1 && branches[0].Literal is { } single)
            {
                literal = single;
            }

            // A branch of literal text requires that text, so "(cuda|rocm)" gives cuda|rocm through Combine too.
            return Combine(branches);
        }

        private void Close()
        {
            if (Peek() != ')' || AtEnd)
            {
                Failed = true;
                return;
            }

            Position++;
        }
    }
}
