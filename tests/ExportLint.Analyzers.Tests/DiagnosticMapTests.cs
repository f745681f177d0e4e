using ExportLint.Analyzers.Tests.Infrastructure;
using ExportLint.ControlLists;
using ExportLint.ControlLists.Loading;

namespace ExportLint.Analyzers.Tests;

/// <summary>
/// The ID-to-descriptor maps are complete and fail loudly: before, an unknown kind, category or ID fell back
/// silently to EXL1007 or EXL0008.
/// </summary>
public class DiagnosticMapTests
{
    [Fact]
    public void Every_problem_kind_has_its_own_ID_and_descriptor()
    {
        var kinds = Enum.GetValues<ProblemKind>();
        var ids = kinds.Select(DiagnosticIds.ForProblem).ToList();

        Assert.Equal(kinds.Length, ids.Distinct(StringComparer.Ordinal).Count());
        foreach (var id in ids)
        {
            Assert.StartsWith("EXL1", id, StringComparison.Ordinal);
            Assert.Equal(id, Descriptors.ForListProblem(id).Id);
        }
    }

    [Fact]
    public void Every_category_and_action_has_an_ID_with_a_descriptor()
    {
        foreach (var category in Enum.GetValues<Category>())
        {
            foreach (var action in Enum.GetValues<EntryAction>())
            {
                var id = DiagnosticIds.ForCodeFinding(category, action);
                Assert.Equal(id, Descriptors.ForCodeFinding(id).Id);
            }
        }

        Assert.Equal(DiagnosticIds.ModelWeightSave, DiagnosticIds.ForCodeFinding(Category.ModelWeights, EntryAction.Save));
        Assert.Equal(DiagnosticIds.ModelWeightLoad, DiagnosticIds.ForCodeFinding(Category.ModelWeights, EntryAction.Load));
    }

    [Fact]
    public void An_unknown_value_throws_instead_of_falling_back_to_another_ID()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DiagnosticIds.ForProblem((ProblemKind)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => DiagnosticIds.ForCodeFinding((Category)99, EntryAction.Load));
        Assert.Throws<ArgumentOutOfRangeException>(() => DiagnosticIds.ForCodeFinding(Category.GpuCompute, (EntryAction)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => Descriptors.ForCodeFinding("EXL9999"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Descriptors.ForCodeFinding(DiagnosticIds.ListSchema));
        Assert.Throws<ArgumentOutOfRangeException>(() => Descriptors.ForListProblem(DiagnosticIds.ModelWeightLoad));
        Assert.Throws<ArgumentOutOfRangeException>(() => Descriptors.ForListProblem("EXL1999"));
    }

    [Fact]
    public void Every_entry_severity_has_a_diagnostic_severity_and_an_unknown_one_throws()
    {
        foreach (var severity in Enum.GetValues<Severity>())
        {
            _ = ExportLint.Analyzers.Infrastructure.Findings.SeverityOf(severity);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => ExportLint.Analyzers.Infrastructure.Findings.SeverityOf((Severity)99));
    }

    [Fact]
    public void Every_descriptor_an_analyzer_supports_is_the_one_the_maps_give()
    {
        foreach (var descriptor in AnalyzerRun.All.SelectMany(a => a.SupportedDiagnostics).DistinctBy(d => d.Id))
        {
            if (descriptor.Category == Descriptors.ListCategory && descriptor.Id != DiagnosticIds.ListRegexTimedOut)
            {
                Assert.Same(descriptor, Descriptors.ForListProblem(descriptor.Id));
            }
        }
    }
}
