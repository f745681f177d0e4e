using ExportLint.Build.Reporting;
using NuGet.Common;
using NuGet.Packaging.Core;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;

namespace ExportLint.Build;

/// <summary>
/// The opt-in online look-up (<c>ExportLintOnline=true</c>): package description and licence from the feeds,
/// for the packages that have findings only, under one time limit. A feed that does not answer gives a
/// warning (EXL0104), never a failure. Nothing here runs unless the project asks for it.
/// </summary>
internal static class OnlineMetadata
{
    /// <summary>Enriches the findings; returns one sentence per feed that could not be reached.</summary>
    public static List<string> Enrich(List<BuildFinding> findings, List<string> sources, TimeSpan timeout)
    {
        var problems = new List<string>();
        var packages = findings.Where(f => f.Package is not null).GroupBy(f => (f.Package!.Id, f.Package.Version)).ToList();
        if (packages.Count == 0 || sources.Count == 0)
        {
            return problems;
        }

        using var cancel = new CancellationTokenSource(timeout);
        using var cache = new SourceCacheContext { NoCache = true, DirectDownload = true };
        foreach (var source in sources)
        {
            try
            {
                var repository = Repository.Factory.GetCoreV3(source);
                var resource = repository.GetResourceAsync<PackageMetadataResource>(cancel.Token).GetAwaiter().GetResult();
                foreach (var group in packages)
                {
                    if (group.All(f => f.OnlineDescription is not null))
                    {
                        continue;
                    }

                    var metadata = resource.GetMetadataAsync(new PackageIdentity(group.Key.Id, group.Key.Version), cache, NullLogger.Instance, cancel.Token).GetAwaiter().GetResult();
                    if (metadata is null)
                    {
                        continue;
                    }

                    foreach (var finding in group)
                    {
                        finding.OnlineDescription = metadata.Description;
                        finding.OnlineLicense = metadata.LicenseMetadata?.License ?? metadata.LicenseUrl?.ToString();
                    }
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var reason = cancel.IsCancellationRequested ? $"no answer within {timeout.TotalMilliseconds:0} ms" : Innermost(ex).Message;
                problems.Add($"the feed '{source}' could not be reached for package metadata ({reason}); the findings are reported without it (ExportLintOnline)");
                if (cancel.IsCancellationRequested)
                {
                    break;
                }
            }
        }

        return problems;
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }
}
