using NuGet.Frameworks;
using NuGet.ProjectModel;
using NuGet.Versioning;

namespace ExportLint.Build.Packages;

/// <summary>One package of the resolved graph, across every target framework and runtime it was resolved for.</summary>
internal sealed class ResolvedPackage
{
    public ResolvedPackage(string id, NuGetVersion version)
    {
        Id = id;
        Version = version;
    }

    public string Id { get; }

    public NuGetVersion Version { get; }

    /// <summary>The target frameworks (short names) the package is resolved for, sorted.</summary>
    public List<string> Frameworks { get; } = [];

    /// <summary>The shortest chain from the project, e.g. <c>App -> Microsoft.ML.TorchSharp 0.23.1 -> TorchSharp 0.107.0</c>.</summary>
    public IReadOnlyList<string> Path { get; set; } = [];

    /// <summary>The direct dependency the shortest path starts with (the package itself when it is direct).</summary>
    public string? DirectDependency { get; set; }

    /// <summary>Whether the project references the package itself.</summary>
    public bool IsDirect => string.Equals(DirectDependency, Id, StringComparison.OrdinalIgnoreCase);

    /// <summary>The files of the package as the assets file lists them.</summary>
    public IList<string> Files { get; set; } = [];

    /// <summary>The package's folder under a package folder, as the assets file gives it (e.g. <c>ilgpu/1.5.3</c>).</summary>
    public string? LibraryPath { get; set; }

    /// <summary>The package's SHA-512 as the assets file records it (base64), or null.</summary>
    public string? Sha512 { get; set; }

    /// <summary>
    /// The packages it depends on, at the versions restore resolved, over every target (framework and runtime); a
    /// dependency that resolved to a project reference is not a package and is not listed.
    /// </summary>
    public SortedSet<(string Id, string Version)> Dependencies { get; } = new(DependencyOrder.Instance);

    public string PathText => string.Join(" -> ", Path);

    private sealed class DependencyOrder : IComparer<(string Id, string Version)>
    {
        public static readonly DependencyOrder Instance = new();

        public int Compare((string Id, string Version) x, (string Id, string Version) y)
        {
            var byId = StringComparer.OrdinalIgnoreCase.Compare(x.Id, y.Id);
            return byId != 0 ? byId : StringComparer.Ordinal.Compare(x.Version, y.Version);
        }
    }
}

/// <summary>
/// The resolved package graph of a project, read from its assets file: every package of every target
/// (framework and runtime), with the shortest dependency path from a direct dependency.
/// </summary>
internal static class PackageGraph
{
    public static List<ResolvedPackage> Resolve(LockFile lockFile, string projectName)
    {
        var byKey = new Dictionary<(string, NuGetVersion), ResolvedPackage>(new KeyComparer());
        var order = new List<ResolvedPackage>();
        var libraries = new Dictionary<(string, NuGetVersion), LockFileLibrary>(new KeyComparer());
        foreach (var library in lockFile.Libraries)
        {
            if (library.Version is not null)
            {
                libraries[(library.Name, library.Version)] = library;
            }
        }

        foreach (var target in lockFile.Targets)
        {
            var framework = target.TargetFramework.GetShortFolderName();
            var nodes = new Dictionary<string, LockFileTargetLibrary>(StringComparer.OrdinalIgnoreCase);
            foreach (var library in target.Libraries)
            {
                if (library.Name is not null)
                {
                    nodes[library.Name] = library;
                }
            }

            var paths = ShortestPaths(projectName, DirectDependencies(lockFile, target.TargetFramework), nodes);
            foreach (var library in target.Libraries)
            {
                if (!string.Equals(library.Type, "package", StringComparison.OrdinalIgnoreCase) || library.Name is null || library.Version is null)
                {
                    continue;
                }

                var key = (library.Name, library.Version);
                if (!byKey.TryGetValue(key, out var package))
                {
                    package = new ResolvedPackage(library.Name, library.Version);
                    if (libraries.TryGetValue(key, out var description))
                    {
                        package.Files = description.Files;
                        package.LibraryPath = description.Path;
                        package.Sha512 = string.IsNullOrEmpty(description.Sha512) ? null : description.Sha512;
                    }

                    byKey[key] = package;
                    order.Add(package);
                }

                foreach (var dependency in library.Dependencies)
                {
                    if (nodes.TryGetValue(dependency.Id, out var resolved) && resolved.Name is not null && resolved.Version is not null
                        && string.Equals(resolved.Type, "package", StringComparison.OrdinalIgnoreCase))
                    {
                        package.Dependencies.Add((resolved.Name, resolved.Version.ToNormalizedString()));
                    }
                }

                if (!package.Frameworks.Contains(framework, StringComparer.OrdinalIgnoreCase))
                {
                    package.Frameworks.Add(framework);
                }

                var path = paths.TryGetValue(library.Name, out var found)
                    ? found
                    : new PathStep(library.Name, new PathStep(projectName, null, null, 0), library.Version, 1);
                if (package.Path.Count == 0 || path.Length + 1 < package.Path.Count)
                {
                    package.Path = path.Render(nodes);
                    package.DirectDependency = path.First();
                }
            }
        }

        // Deterministic messages whatever order restore wrote the targets in.
        foreach (var package in order)
        {
            package.Frameworks.Sort(StringComparer.OrdinalIgnoreCase);
        }

        return order;
    }

    /// <summary>The ids the project names itself for a framework: its package and project references.</summary>
    private static List<string> DirectDependencies(LockFile lockFile, NuGetFramework framework)
    {
        var result = new List<string>();
        foreach (var group in lockFile.ProjectFileDependencyGroups)
        {
            if (!string.IsNullOrEmpty(group.FrameworkName) && !NuGetFramework.Parse(group.FrameworkName).Equals(framework))
            {
                continue;
            }

            foreach (var dependency in group.Dependencies)
            {
                var space = dependency.IndexOf(' ');
                result.Add(space < 0 ? dependency : dependency.Substring(0, space));
            }
        }

        var spec = lockFile.PackageSpec;
        if (spec?.RestoreMetadata is { } metadata)
        {
            foreach (var targetFramework in metadata.TargetFrameworks)
            {
                if (!targetFramework.FrameworkName.Equals(framework))
                {
                    continue;
                }

                foreach (var reference in targetFramework.ProjectReferences)
                {
                    result.Add(System.IO.Path.GetFileNameWithoutExtension(reference.ProjectPath));
                }
            }
        }

        return result;
    }

    private static Dictionary<string, PathStep> ShortestPaths(string projectName, List<string> direct, Dictionary<string, LockFileTargetLibrary> nodes)
    {
        var root = new PathStep(projectName, null, null, 0);
        var result = new Dictionary<string, PathStep>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<PathStep>();
        foreach (var id in direct.OrderBy(d => d, StringComparer.OrdinalIgnoreCase))
        {
            if (nodes.TryGetValue(id, out var library) && !result.ContainsKey(library.Name!))
            {
                var step = new PathStep(library.Name!, root, library.Version, 1);
                result[library.Name!] = step;
                queue.Enqueue(step);
            }
        }

        while (queue.Count > 0)
        {
            var step = queue.Dequeue();
            if (!nodes.TryGetValue(step.Id, out var library))
            {
                continue;
            }

            foreach (var dependency in library.Dependencies.OrderBy(d => d.Id, StringComparer.OrdinalIgnoreCase))
            {
                if (result.ContainsKey(dependency.Id) || !nodes.TryGetValue(dependency.Id, out var child))
                {
                    continue;
                }

                var next = new PathStep(child.Name!, step, child.Version, step.Length + 1);
                result[child.Name!] = next;
                queue.Enqueue(next);
            }
        }

        return result;
    }

    private sealed class PathStep
    {
        public PathStep(string id, PathStep? previous, NuGetVersion? version, int length)
        {
            Id = id;
            Previous = previous;
            Version = version;
            Length = length;
        }

        public string Id { get; }

        public PathStep? Previous { get; }

        public NuGetVersion? Version { get; }

        public int Length { get; }

        public string First()
        {
            var step = this;
            while (step.Previous?.Previous is not null)
            {
                step = step.Previous;
            }

            return step.Id;
        }

        public List<string> Render(Dictionary<string, LockFileTargetLibrary> nodes)
        {
            var parts = new List<string>();
            for (var step = this; step is not null; step = step.Previous)
            {
                parts.Add(step.Version is null ? step.Id : step.Id + " " + step.Version.ToNormalizedString());
            }

            parts.Reverse();
            return parts;
        }
    }

    private sealed class KeyComparer : IEqualityComparer<(string Id, NuGetVersion Version)>
    {
        public bool Equals((string Id, NuGetVersion Version) x, (string Id, NuGetVersion Version) y) =>
            string.Equals(x.Id, y.Id, StringComparison.OrdinalIgnoreCase) && x.Version.Equals(y.Version);

        public int GetHashCode((string Id, NuGetVersion Version) obj) =>
            StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Id) ^ obj.Version.GetHashCode();
    }
}
