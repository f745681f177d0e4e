using ExportLint.ControlLists;
using ExportLint.Reports;
using LogLevel = ExportLint.Build.Reporting.LogLevel;

namespace ExportLint.Build.Reporting;

/// <summary>
/// The build check's findings as the report model every surface writes (schema: docs/schemas/exportlint-report.schema.json).
/// The build writes it per project under obj/exportlint/; the exportlint tool runs the same check and takes the same
/// conversion, so a build's report and a scan's can be merged.
/// </summary>
internal static class ReportConversion
{
    /// <summary>Converts; <paramref name="reportPath"/> maps an absolute path to the one the report writes.</summary>
    public static Report ToReport(ReportData data, string asOf, Func<string, string> reportPath)
    {
        var project = reportPath(data.ProjectPath);
        var report = new Report
        {
            Tool = new ToolInfo { Name = "ExportLint.Build", Version = data.ToolVersion },
            AsOf = asOf,
            FailOn = data.FailOn,
            SkipGeneratedCode = data.SkipGeneratedCode,
            ControlLists = data.ControlLists.Select(l => new ControlListUsed { Id = l.Id, Version = l.Version, Path = l.Path }).ToList(),
        };
        var record = new ProjectRecord
        {
            Path = project,
            Name = data.ProjectName,
            Mode = ScanModes.Semantic,
            AssetsFile = data.AssetsFile is null ? null : reportPath(data.AssetsFile),
            TargetFrameworks = [.. data.TargetFrameworks],
        };
        foreach (var package in data.Packages.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Version))
        {
            record.Packages.Add(new PackageRecord
            {
                Id = package.Id,
                Version = package.Version.ToNormalizedString(),
                Direct = package.IsDirect,
                Path = [.. package.Path],
                Sha512 = package.Sha512,
                Dependencies = package.Dependencies.Select(d => new PackageDependency { Id = d.Id, Version = d.Version }).ToList(),
            });
        }

        report.Projects.Add(record);
        foreach (var found in data.Findings)
        {
            var finding = new Finding
            {
                Id = found.Id,
                EntryId = found.Entry.Id,
                ListId = found.Entry.ListId,
                Category = ControlListNames.Of(found.Entry.Category),
                Severity = ControlListNames.Of(found.Entry.Severity),
                Level = LevelName(found.Level),
                Confidence = Confidences.High,
                Classification = found.Entry.Classification,
                Citation = found.Entry.Citation,
                SourceStatus = found.Entry.Source is { } source ? ControlListNames.Of(source.Status) : null,
                Message = found.Message,
                HelpUri = DiagnosticIds.HelpLink(found.Id),
                Location = Location(found.Location, reportPath),
                Project = project,
            };
            if (found.Package is { } package)
            {
                finding.Evidence.Package = new PackageEvidence
                {
                    Id = package.Id,
                    Version = package.Version.ToNormalizedString(),
                    Direct = package.IsDirect,
                    Path = [.. package.Path],
                    TargetFrameworks = [.. package.Frameworks],
                    File = found.PackageFile,
                };
            }

            if (found.ModelFile is { } file)
            {
                var model = new ModelFileRecord
                {
                    Path = reportPath(file.FullPath ?? found.Location.File),
                    ItemType = file.ItemType,
                    Kind = file.Kind,
                    Length = file.Length,
                    TensorCount = file.TensorCount,
                    ParameterCount = file.ParameterCount,
                };
                finding.Evidence.ModelFile = model;
                finding.Evidence.NotRuledOut = file.NotRuledOut;
                report.Models.Add(model);
            }

            if (found.SuppressedBy is { } by)
            {
                finding.Suppression = new SuppressionRecord { Target = by.Target, Kind = "ExportLintSuppress", Justification = by.Justification, Until = by.Until };
            }

            finding.Fingerprint = Fingerprints.Of(finding, null);
            report.Findings.Add(finding);
        }

        foreach (var suppression in data.Suppressions)
        {
            report.Suppressions.Add(new SuppressionRecord
            {
                Target = suppression.Target,
                Kind = "ExportLintSuppress",
                Justification = suppression.Justification,
                Until = suppression.Until,
                Expired = suppression.Expired,
                Valid = suppression.IsValid,
                Problem = suppression.Problem,
                Uses = suppression.Uses,
                Location = Location(suppression.Location, reportPath),
            });
        }

        foreach (var logged in data.Diagnostics)
        {
            report.Problems.Add(new Problem
            {
                Id = logged.Id,
                Level = LevelName(logged.Level),
                Message = logged.Message,
                Location = Location(logged.Location, reportPath),
                Project = project,
            });
        }

        report.Entries = data.Findings.Select(f => f.Entry).Distinct().Select(EntryOf)
            .GroupBy(e => (e.Id, e.ListId)).Select(g => g.First())
            .OrderBy(e => e.Id, StringComparer.Ordinal).ThenBy(e => e.ListId, StringComparer.Ordinal).ToList();
        report.Summarise();
        report.Summary.Packages = data.PackageCount;
        return report;
    }

    /// <summary>An entry as the report records it (the scan's report takes the same form).</summary>
    public static ReportEntry EntryOf(Entry entry) => new()
    {
        Id = entry.Id,
        ListId = entry.ListId,
        Category = ControlListNames.Of(entry.Category),
        Severity = ControlListNames.Of(entry.Severity),
        Classification = entry.Classification,
        Citation = entry.Citation,
        Message = entry.Message,
        Rationale = entry.Rationale,
        Source = entry.Source is not { } source ? null : new ReportSource
        {
            Id = source.Id,
            Regulation = source.Regulation,
            Section = source.Section,
            Url = source.Url,
            Status = ControlListNames.Of(source.Status),
            StatusDate = source.StatusDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Effective = source.Effective?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        },
        DiagnosticId = entry.Category == Category.RestrictedPackage ? DiagnosticIds.RestrictedPackage : entry.CodeDiagnosticId,
    };

    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Error => Levels.Error,
        LogLevel.Warning => Levels.Warning,
        _ => Levels.Message,
    };

    private static Reports.Location Location(Packages.FileLocation location, Func<string, string> reportPath) =>
        new() { File = reportPath(location.File), Line = location.Line, Column = location.Column };
}
