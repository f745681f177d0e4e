using ExportLint.ControlLists.Loading;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace ExportLint.Build;

/// <summary>
/// Finds the lists that the project's lists extend by path (<c>extends: [./base.controllist.yaml]</c>), so that the
/// targets can give them to the analyzers as AdditionalFiles too: the analyzers may not read files, and without them
/// a base list's entries were missing from the IDE and the build's analyzers (and the IDE said EXL1005, not found).
/// Loads the lists as the check does (same resolver, same rules) and returns every file it loaded that the project
/// did not name. Reports nothing: the check (and, in the IDE, the analyzers) reports the lists' problems. Never fails
/// the build: on an unexpected error it returns nothing more and warns (EXL0106) that the analyzers see only the named lists.
/// </summary>
public sealed class ExportLintListClosure : MSBuildTask
{
    /// <summary>The lists the project names (<c>$(ExportLintControlList)</c>).</summary>
    public ITaskItem[] ControlLists { get; set; } = [];

    /// <summary>Every list reached by <c>extends</c> by path from <see cref="ControlLists"/> and not among them, by full path.</summary>
    [Output]
    public ITaskItem[] ExtendedLists { get; private set; } = [];

    /// <inheritdoc />
    public override bool Execute()
    {
        try
        {
            var documents = new List<ControlListDocument>();
            var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in ControlLists)
            {
                var path = item.GetMetadata("FullPath");
                path = string.IsNullOrEmpty(path) ? item.ItemSpec : path;
                named.Add(Path.GetFullPath(path));
                if (FileSystemControlListResolver.TryRead(path, out _) is { } document)
                {
                    documents.Add(document);
                }
            }

            var loaded = ControlListLoader.Load(documents, new FileSystemControlListResolver(documents), new ControlListLoadOptions { UseDefaultList = false });
            ExtendedLists = loaded.Lists
                .Select(l => l.Path)
                .Where(p => !p.StartsWith(EmbeddedControlLists.PathPrefix, StringComparison.Ordinal) && Path.IsPathRooted(p) && !named.Contains(Path.GetFullPath(p)))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(p => (ITaskItem)new TaskItem(p))
                .ToArray();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Never silent: the analyzers would miss the base lists' entries, so say so (as the check says of its own failures).
            Log.LogWarning(null, ExportLint.ControlLists.DiagnosticIds.BuildTaskFailed, null, null, BuildEngine?.ProjectFileOfTaskNode, 0, 0, 0, 0,
                $"ExportLint could not work out the lists extended by path, so the analyzers see only the named lists: {ex.GetType().Name}: {ex.Message}");
        }

        return true;
    }
}
