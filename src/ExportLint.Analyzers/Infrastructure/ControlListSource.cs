using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using ExportLint.ControlLists;
using ExportLint.ControlLists.Loading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ExportLint.Analyzers.Infrastructure;

/// <summary>
/// Finds the control lists among a compilation's AdditionalFiles and loads them, once per content. The IDE builds a
/// new compilation on every keystroke with the same AdditionalText objects: the text of each list is read once per
/// <see cref="SourceText"/> (a <see cref="SourceTextValueProvider{TValue}"/>), and the loaded list is shared by every
/// compilation and every analyzer whose lists have the same content, date and options.
/// </summary>
internal static class ControlListSource
{
    /// <summary>Lists reach the analyzers as AdditionalFiles with this ending.</summary>
    public const string FileSuffix = ".controllist.yaml";

    /// <summary>The MSBuild property (made visible with CompilerVisibleProperty) that turns the embedded default list off.</summary>
    public const string UseDefaultListProperty = "build_property.ExportLintUseDefaultList";

    /// <summary>The day the lists are evaluated for (yyyy-mm-dd; today, UTC, when unset): <c>exportlint scan --as-of</c> and <c>ExportLintAsOf</c>.</summary>
    public const string AsOfProperty = "build_property.ExportLintAsOf";

    private const int MaxCachedLists = 8;

    // Keyed on the content of every list, the date and the options: a different key is a different list. Each of
    // ExportLint's analyzers asks at the start of the same compilation, at the same moment: the Lazy makes one of
    // them load the list while the others wait for it, instead of each loading it (measured: four loads at once).
    private static readonly ConcurrentDictionary<string, Lazy<AnalyzerControlList>> Loaded = new(StringComparer.Ordinal);

    /// <summary>Reads each list's text once per <see cref="SourceText"/> (pass to <c>context.TryGetValue</c>).</summary>
    public static SourceTextValueProvider<ListText> TextProvider { get; } = new(text => new ListText(text));

    /// <summary>
    /// The effective list for a compilation. <paramref name="read"/> is <c>t =&gt; context.TryGetValue(t, TextProvider, out var v) ? v : new ListText(t)</c>
    /// of the calling context, so the text of a list is read once per SourceText.
    /// </summary>
    public static AnalyzerControlList For(AnalyzerOptions options, Func<SourceText, ListText> read, CancellationToken cancellationToken)
    {
        var files = ImmutableArray.CreateBuilder<(AdditionalText File, ListText Text)>();
        foreach (var file in options.AdditionalFiles)
        {
            if (!file.Path.EndsWith(FileSuffix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var text = file.GetText(cancellationToken);
            if (text is null)
            {
                continue;
            }

            files.Add((file, read(text)));
        }

        var useDefault = !(options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(UseDefaultListProperty, out var value)
            && string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase));
        var today = DateTime.UtcNow.Date;
        if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(AsOfProperty, out var asOf)
            && DateTime.TryParseExact(asOf.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            today = day.Date;
        }

        var key = new StringBuilder();
        key.Append(useDefault ? 'D' : 'N').Append(today.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (file, text) in files)
        {
            key.Append('|').Append(file.Path).Append('#').Append(text.Hash);
        }

        var cacheKey = key.ToString();
        if (Loaded.TryGetValue(cacheKey, out var cached))
        {
            return cached.Value;
        }

        if (Loaded.Count >= MaxCachedLists)
        {
            // Old contents of a list being edited: drop them all rather than track ages; reloading is cheap enough.
            Loaded.Clear();
        }

        var list = files.ToImmutable();
        var loading = Loaded.GetOrAdd(
            cacheKey,
            _ => new Lazy<AnalyzerControlList>(() => Load(list, useDefault, today), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return loading.Value;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The loader reports problems rather than throwing; should it throw, the next compilation tries again
            // instead of meeting the same cached exception.
            Loaded.TryRemove(cacheKey, out _);
            throw;
        }
    }

    private static AnalyzerControlList Load(ImmutableArray<(AdditionalText File, ListText Text)> files, bool useDefault, DateTime today)
    {
        var documents = files.Select(f => new ControlListDocument(f.File.Path, f.Text.Content)).ToArray();
        var resolved = ControlListLoader.Load(documents, new InMemoryControlListResolver(documents), new ControlListLoadOptions { UseDefaultList = useDefault, AsOf = today });
        return new AnalyzerControlList(resolved, files.ToDictionary(f => f.File.Path, f => f.Text.Source, StringComparer.Ordinal));
    }

    /// <summary>One list's text, read once, with a content hash.</summary>
    internal sealed class ListText
    {
        public ListText(SourceText source)
        {
            Source = source;
            Content = source.ToString();
            Hash = HashOf(Content);
        }

        public SourceText Source { get; }

        public string Content { get; }

        public string Hash { get; }

        private static string HashOf(string text)
        {
            // FNV-1a, 64 bits, over UTF-16 code units: stable across processes and cheap; the key also holds the path.
            var hash = 14695981039346656037UL;
            foreach (var c in text)
            {
                hash ^= c;
                hash *= 1099511628211UL;
            }

            return hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture) + ":" + text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
