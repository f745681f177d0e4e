using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace ExportLint.ControlLists.Matching;

/// <summary>How a string pattern compares.</summary>
public enum StringMatchKind
{
    /// <summary>The whole string equals the value.</summary>
    Exact,

    /// <summary>The string starts with the value.</summary>
    Prefix,

    /// <summary>A regular expression finds a match in the string.</summary>
    Regex,
}

/// <summary>Where a constant must stand for a string pattern to apply.</summary>
public enum StringContext
{
    /// <summary>Anywhere a constant string is used.</summary>
    Any,

    /// <summary>As a dictionary key (an indexer argument, a <c>{ key, value }</c> initializer, an <c>Add(key, …)</c>).</summary>
    DictionaryKey,

    /// <summary>As the value given to a member or parameter whose name matches <see cref="StringPattern.Member"/>.</summary>
    MemberValue,

    /// <summary>
    /// As an argument of a method, constructor or user-defined conversion that one of <see cref="StringPattern.ArgumentOf"/>
    /// names (its parameter's name matching <see cref="StringPattern.Member"/> when one is given), e.g. the
    /// <c>"cuda:0"</c> of <c>torch.device("cuda:0")</c>. Such a pattern is never tried on text without a call around it.
    /// </summary>
    Argument,
}

/// <summary>A string-constant pattern of a control list.</summary>
public sealed class StringPattern
{
    private Regex? _regex;

    // For a regex: text of which every match contains one (see RegexLiterals), searched for before the regex runs.
    // Worked out on first use for the compiled shipped lists (like their regexes), at once for a loaded list.
    private string[]? _required;
    private volatile bool _requiredKnown;

    /// <summary>Creates a pattern. A regex pattern is compiled with a match timeout.</summary>
    public StringPattern(StringMatchKind kind, string value, bool ignoreCase, StringContext context, string? member)
        : this(kind, value, ignoreCase, context, member, ImmutableArray<ApiPattern>.Empty)
    {
    }

    /// <summary>
    /// Creates a pattern that applies only to the arguments of the methods <paramref name="argumentOf"/> names (when it
    /// is not empty, the context is <see cref="StringContext.Argument"/>).
    /// </summary>
    public StringPattern(StringMatchKind kind, string value, bool ignoreCase, StringContext context, string? member, ImmutableArray<ApiPattern> argumentOf)
    {
        ArgumentOf = argumentOf.IsDefault ? ImmutableArray<ApiPattern>.Empty : argumentOf;
        if (!ArgumentOf.IsEmpty)
        {
            context = StringContext.Argument;
        }

        Kind = kind;
        Value = value;
        IgnoreCase = ignoreCase;
        Context = member is not null && context == StringContext.Any ? StringContext.MemberValue : context;
        if (Context == StringContext.Argument && ArgumentOf.IsEmpty)
        {
            throw new ArgumentException("an argument pattern names the methods whose arguments it applies to", nameof(argumentOf));
        }

        Member = member is null ? null : Glob.ForName(member, ignoreCase: true);
        if (kind == StringMatchKind.Regex)
        {
            _regex = CreateRegex();
            _required = RequiredText(value, ignoreCase);
            _requiredKnown = true;
        }
    }

    // For the compiled shipped lists: their regular expressions were validated when the lists were compiled, so the
    // (costly, first time in a process) construction waits for the first string that needs it.
    internal StringPattern(StringMatchKind kind, string value, bool ignoreCase, StringContext context, string? member, bool deferRegex, string[]? argumentOf = null)
        : this(kind == StringMatchKind.Regex && deferRegex ? StringMatchKind.Exact : kind, value, ignoreCase, context, member, ParseCompiled(argumentOf))
    {
        Kind = kind;
    }

    private static ImmutableArray<ApiPattern> ParseCompiled(string[]? argumentOf) =>
        argumentOf is null
            ? ImmutableArray<ApiPattern>.Empty
            : argumentOf.Select(text => ApiPattern.TryParse(text, out var error) ?? throw new ArgumentException(error, nameof(argumentOf))).ToImmutableArray();

    // For the compiled shipped lists' regexes: the required text (RegexLiterals) as the list compiler worked it out,
    // so that loading the shipped lists neither runs nor JIT-compiles the regex reader (a fixed cost of every build).
    internal StringPattern(StringMatchKind kind, string value, bool ignoreCase, StringContext context, string? member, bool deferRegex, string[]? required, string[]? argumentOf = null)
        : this(kind, value, ignoreCase, context, member, deferRegex, argumentOf: argumentOf)
    {
        _required = required;
        _requiredKnown = true;
    }

    // A case-insensitive search for ASCII text finds what the regex finds, but for the few characters MayMatch
    // leaves to the regex; required text outside ASCII is not searched for.
    private static string[]? RequiredText(string pattern, bool ignoreCase) =>
        RegexLiterals.RequiredAnyOf(pattern) is { } required && (!ignoreCase || required.All(r => r.All(c => c < 128)))
            ? required
            : null;

    /// <summary>Where the pattern's value is written in its list (null for a pattern not read from a list).</summary>
    public SourceLocation? Location { get; internal set; }

    /// <summary>How it compares.</summary>
    public StringMatchKind Kind { get; }

    /// <summary>The value or the regular expression.</summary>
    public string Value { get; }

    /// <summary>Whether case is ignored.</summary>
    public bool IgnoreCase { get; }

    /// <summary>Where the constant must stand.</summary>
    public StringContext Context { get; }

    /// <summary>
    /// For <see cref="StringContext.MemberValue"/>: the member or parameter name glob, e.g. <c>InstanceType</c>; for
    /// <see cref="StringContext.Argument"/>, when given, the parameter's name.
    /// </summary>
    public Glob? Member { get; }

    /// <summary>For <see cref="StringContext.Argument"/>: the methods (<c>Namespace.Type.Member</c>) whose arguments it applies to.</summary>
    public ImmutableArray<ApiPattern> ArgumentOf { get; }

    /// <summary>
    /// Whether a constant matches. A regex that runs past its timeout counts as no match (and
    /// <paramref name="timedOut"/> says so), so a catastrophic pattern costs at most the timeout.
    /// </summary>
    public bool IsMatch(string text, out bool timedOut) => IsMatch(text, out timedOut, out _);

    /// <summary>As <see cref="IsMatch(string, out bool)"/>; <paramref name="regexTicks"/> is how long the regex ran (0 when it did not run).</summary>
    internal bool IsMatch(string text, out bool timedOut, out long regexTicks)
    {
        timedOut = false;
        regexTicks = 0;
        var comparison = IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        switch (Kind)
        {
            case StringMatchKind.Exact:
                return string.Equals(text, Value, comparison);
            case StringMatchKind.Prefix:
                return text.StartsWith(Value, comparison);
            default:
                if (!MayMatch(text))
                {
                    return false;
                }

                var regex = _regex ?? System.Threading.LazyInitializer.EnsureInitialized(ref _regex, CreateRegex)!;
                var start = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    return regex.IsMatch(text);
                }
                catch (RegexMatchTimeoutException)
                {
                    timedOut = true;
                    return false;
                }
                finally
                {
                    regexTicks = Math.Max(1, System.Diagnostics.Stopwatch.GetTimestamp() - start);
                }
        }
    }

    /// <summary>
    /// Text a constant must contain for the pattern to match (any one of them), or null when none is known; for a
    /// case-insensitive pattern, compare ignoring ASCII case, and leave a text with <see cref="CaseFoldsToAscii"/> to
    /// the regex. Used by <see cref="StringIndex"/> to find the few patterns worth trying.
    /// </summary>
    internal string[]? RequiredTextOrNull()
    {
        if (!_requiredKnown)
        {
            // Two threads may both work it out: the same answer, written before the flag that publishes it.
            _required = RequiredText(Value, IgnoreCase);
            _requiredKnown = true;
        }

        return _required;
    }

    private bool MayMatch(string text)
    {
        if (RequiredTextOrNull() is not { } required)
        {
            return true;
        }

        var comparison = IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var r in required)
        {
            if (text.IndexOf(r, comparison) >= 0)
            {
                return true;
            }
        }

        // The regex folds case more widely than an ordinal comparison: KELVIN SIGN matches 'k', LONG S 's', and on
        // .NET Framework a dotted capital I 'i'. A text holding one of them is left to the regex.
        return IgnoreCase && text.IndexOfAny(CaseFoldsToAscii) >= 0;
    }

    /// <summary>The characters outside ASCII that a case-insensitive regex may take for an ASCII letter.</summary>
    internal static readonly char[] CaseFoldsToAscii = ['\u212A', '\u017F', '\u0130', '\u0131'];

    private Regex CreateRegex() =>
        new(Value, RegexOptions.CultureInvariant | (IgnoreCase ? RegexOptions.IgnoreCase : RegexOptions.None), Loading.ControlListLimits.RegexTimeout);

    /// <summary>Whether the pattern applies in a context (the member name given for member values).</summary>
    public bool AppliesIn(StringContext context, string? memberName) => Context switch
    {
        StringContext.Any => true,
        StringContext.DictionaryKey => context == StringContext.DictionaryKey,
        StringContext.MemberValue => context == StringContext.MemberValue && memberName is not null && Member!.IsMatch(memberName),
        _ => false,
    };

    /// <summary>
    /// Whether an argument pattern applies to an argument of a method: its containing type's chain (namespace segments,
    /// then type names outer to inner), its name (<c>.ctor</c> for a constructor) and the parameter's name.
    /// </summary>
    public bool AppliesToArgumentOf(IReadOnlyList<string> typeChain, string methodName, string? parameterName)
    {
        if (Context != StringContext.Argument || (Member is not null && (parameterName is null || !Member.IsMatch(parameterName))))
        {
            return false;
        }

        foreach (var method in ArgumentOf)
        {
            if (method.MemberName.IsMatch(methodName) && method.MatchesTypeChain(typeChain, ApiPatternShape.Member))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => (Kind switch
    {
        StringMatchKind.Exact => $"\"{Value}\"",
        StringMatchKind.Prefix => $"\"{Value}…\"",
        _ => $"/{Value}/",
    }) + (ArgumentOf.IsEmpty ? string.Empty : " as an argument of " + string.Join(", ", ArgumentOf));
}
