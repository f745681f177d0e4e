using System.Text.Json;

namespace ExportLint.Cli.Tests.Infrastructure;

/// <summary>
/// docs/schemas/exportlint-report.schema.json, loaded once per test run: JsonSchema.Net registers a schema by its
/// <c>$id</c> in a global registry and refuses to register it twice, so every test that validates a report shares this.
/// </summary>
internal static class ReportSchema
{
    private static readonly Lazy<Json.Schema.JsonSchema> Schema = new(() =>
        Json.Schema.JsonSchema.FromFile(Path.Combine(ExportLintTool.RepositoryRoot, "docs", "schemas", "exportlint-report.schema.json")));

    /// <summary>Fails the test, with every error and where, unless the file is valid under the report's schema.</summary>
    public static void AssertValid(string reportPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(reportPath));
        var result = Schema.Value.Evaluate(document.RootElement, new Json.Schema.EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.List });
        Assert.True(result.IsValid, string.Join(Environment.NewLine, (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }
}
