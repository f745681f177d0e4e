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
/// Finds the control lists among a compilation's AdditionalFiles (those the package's targets mark, see
/// <see cref="ListMetadata"/>, or else those named <c>*.controllist.yaml</c>) and loads them, once per content. The IDE builds a
/// new compilation on every keystroke with the same AdditionalText objects: the text of each list is read once per
/// <see cref="SourceText"/> (a <see cref="SourceTextValueProvider{TValue}"/>), and the loaded list is shared by every
/// compilation and every analyzer whose lists have the same content, date and options.
/// </summary>
internal static class ControlListSource
{
    /// <summary>AdditionalFiles with this ending are lists, when no AdditionalFile carries <see cref="ListMetadata"/>.</summary>
    public const string FileSuffix = ".controllist.yaml";

    /// <summary>
    /// The metadata (made visible with CompilerVisibleItemMetadata) the package's targets put on the AdditionalFiles
    /// that are control lists, whatever their names: <c>true</c> on each list named in <c>ExportLintControlList</c>,
    /// <see cref="ExtendedListValue"/> on each list those extend by path (found by the targets, which may read files).
    /// </summary>
    public const string ListMetadata = "build_metadata.AdditionalFiles.ExportLintControlList";

    /// <summary>The value of <see cref="ListMetadata"/> on a list that is only extended: known to <c>extends</c>, not loaded on its own.</summary>
    public const string ExtendedListValue = "extends";

    /// <summary>The MSBuild property (made visible with CompilerVisibleProperty) that turns the embedded default list off.</summary>
    public const string UseDefaultListProperty = "build_property.ExportLintUseDefaultList";

    /// <summary>
    /// <c>ExportLintControlList</c> as the project wrote it (made visible by the targets as
    /// <c>ExportLintControlListSetting</c>). Set, and no AdditionalFile is a list it named (a wildcard that matched no
    /// file gives MSBuild no item), the default list is not used in its place and the analyzers say so (EXL1005), as
    /// the task does.
    /// </summary>
    public const string ControlListSettingProperty = "build_property.ExportLintControlListSetting";

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
        var files = ImmutableArray.CreateBuilder<ListFile>();
        var unreadable = ImmutableArray.CreateBuilder<string>();
        var marked = false;
        var named = false;
        var provider = options.AnalyzerConfigOptionsProvider;
        foreach (var file in options.AdditionalFiles)
        {
            // The lists the project names are exactly those the targets mark, whatever they are called; a file of
            // another name is a list only when marked. Only a project that adds lists as AdditionalFiles by hand (no
            // file marked at all) falls back on the name.
            var role = RoleOf(provider.GetOptions(file));
            if (role == ListRole.None && !file.Path.EndsWith(FileSuffix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            marked |= role != ListRole.None;
            named |= role == ListRole.Named;
            var text = file.GetText(cancellationToken);
            if (text is null)
            {
                // A list the project named that the compiler could not read: said so (EXL1005), never replaced by
                // the default list.
                if (role == ListRole.Named)
                {
                    unreadable.Add(file.Path);
                }

                continue;
            }

            files.Add(new ListFile(file, read(text), role));
        }

        if (marked)
        {
            // Files marked by the targets are the whole truth: an unmarked *.controllist.yaml is some other file.
            for (var i = files.Count - 1; i >= 0; i--)
            {
                if (files[i].Role == ListRole.None)
                {
                    files.RemoveAt(i);
                }
            }
        }

        // As for the check: the default list is used only when the project names no list, not when the lists it
        // names could not be read, nor when ExportLintControlList is set but named no file the compiler was given.
        var globals = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        var namedNoFile = !named && globals.TryGetValue(ControlListSettingProperty, out var setting) && !string.IsNullOrWhiteSpace(setting)
            ? setting.Trim()
            : null;
        var useDefault = !named && namedNoFile is null && !(globals.TryGetValue(UseDefaultListProperty, out var value)
            && string.Equals(value.Trim(), "false", StringComparison.OrdinalIgnoreCase));
        var today = options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(AsOfProperty, out var asOf)
            ? ExportLintClock.DayOr(asOf)
            : ExportLintClock.Today;

        var key = new StringBuilder();
        key.Append(useDefault ? 'D' : 'N').Append(today.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var file in files)
        {
            key.Append(file.Role == ListRole.Extended ? "|e:" : "|").Append(file.File.Path).Append('#').Append(file.Text.Hash);
        }

        foreach (var path in unreadable)
        {
            key.Append("|u:").Append(path);
        }

        if (namedNoFile is not null)
        {
            key.Append("|n:").Append(namedNoFile);
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
        var missing = unreadable.ToImmutable();
        var loading = Loaded.GetOrAdd(
            cacheKey,
            _ => new Lazy<AnalyzerControlList>(() => Load(list, missing, namedNoFile, useDefault, today), LazyThreadSafetyMode.ExecutionAndPublication));
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

    private static AnalyzerControlList Load(ImmutableArray<ListFile> files, ImmutableArray<string> unreadable, string? namedNoFile, bool useDefault, DateTime today)
    {
        // Every list is known to extends (by id and by path); only the lists not marked as merely extended are roots.
        var documents = files.Select(f => new ControlListDocument(f.File.Path, f.Text.Content)).ToArray();
        var roots = documents.Where((_, i) => files[i].Role != ListRole.Extended).ToArray();
        var resolved = ControlListLoader.Load(roots, new InMemoryControlListResolver(documents), new ControlListLoadOptions { UseDefaultList = useDefault, AsOf = today });
        var texts = new Dictionary<string, SourceText>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            texts[file.File.Path] = file.Text.Source;
        }

        return new AnalyzerControlList(resolved, texts, unreadable) { NamedNoFile = namedNoFile };
    }

    private static ListRole RoleOf(AnalyzerConfigOptions options)
    {
        if (!options.TryGetValue(ListMetadata, out var value))
        {
            return ListRole.None;
        }

        value = value.Trim();
        return string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) ? ListRole.Named
            : string.Equals(value, ExtendedListValue, StringComparison.OrdinalIgnoreCase) ? ListRole.Extended
            : ListRole.None;
    }

    /// <summary>How an AdditionalFile is a list: by its name only, named by the project, or extended by a named list.</summary>
    internal enum ListRole
    {
        None,
        Named,
        Extended,
    }

    private readonly record struct ListFile(AdditionalText File, ListText Text, ListRole Role);

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
