using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ExportLint.Analyzers.Infrastructure;

/// <summary>
/// What every analyzer driven by the control list shares: concurrent execution, generated code analysed and reported
/// (unless the project opts out), every callback guarded (a failure is EXL0010, see <see cref="Guard"/>), and the
/// effective list loaded at compilation start (from the shared cache, so several analyzers do not parse it twice).
/// </summary>
/// <remarks>
/// Generated code is analysed and reported like written code: a <c>// &lt;auto-generated/&gt;</c> header, a
/// <c>*.g.cs</c> name, <c>[GeneratedCode]</c> or <c>generated_code = true</c> in .editorconfig would otherwise be a
/// one-line way to hide any finding from an inventory. A finding there carries the property <c>generated=true</c>.
/// <c>ExportLintSkipGeneratedCode=true</c> (a CompilerVisibleProperty) restores the old behaviour: every action then
/// returns at once where the context says <c>IsGeneratedCode</c>.
/// <para>
/// Either way ExportLint asks the compiler for every callback (<see cref="GeneratedCodeAnalysisFlags.Analyze"/> and
/// <see cref="GeneratedCodeAnalysisFlags.ReportDiagnostics"/>) and reads the context's <c>IsGeneratedCode</c> (which
/// the compiler has worked out anyway) only when it reports, or, when skipping, once per callback. With
/// <see cref="GeneratedCodeAnalysisFlags.None"/> the compiler would also check each reported diagnostic for an
/// enclosing <c>[GeneratedCode]</c> by scanning every token of the file, the first time per file: measured at a fifth
/// of ExportLint's time in the analyzer benchmark (docs/performance.md).
/// </para>
/// </remarks>
internal abstract class ControlListAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The MSBuild property (made visible with CompilerVisibleProperty) that leaves generated code out.</summary>
    public const string SkipGeneratedCodeProperty = "build_property.ExportLintSkipGeneratedCode";

    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(Guard.Wrap(start =>
        {
            var list = ControlListSource.For(
                start.Options,
                text => start.TryGetValue(text, ControlListSource.TextProvider, out var value) ? value : new ControlListSource.ListText(text),
                start.CancellationToken);
            var skipGenerated = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(SkipGeneratedCodeProperty, out var skip)
                && string.Equals(skip.Trim(), "true", StringComparison.OrdinalIgnoreCase);
            OnCompilationStart(start, list, new Actions(skipGenerated));
        }));
    }

    /// <summary>Registers the analyzer's actions for one compilation, or nothing when the list gives it nothing to look for.</summary>
    protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, AnalyzerControlList list, Actions actions);

    /// <summary>Wraps every action of a compilation: guarded, and left out of generated code only when the project says so.</summary>
    protected sealed class Actions
    {
        public Actions(bool skipGeneratedCode) => SkipGeneratedCode = skipGeneratedCode;

        /// <summary>Whether <c>ExportLintSkipGeneratedCode</c> is on for this compilation.</summary>
        public bool SkipGeneratedCode { get; }

        /// <summary>An operation action, guarded; register every action through this.</summary>
        public Action<OperationAnalysisContext> Of(Action<OperationAnalysisContext> action) =>
            SkipGeneratedCode
                ? Guard.Wrap(context =>
                {
                    if (!context.IsGeneratedCode)
                    {
                        action(context);
                    }
                })
                : Guard.Wrap(action);

        /// <summary>A symbol action, guarded.</summary>
        public Action<SymbolAnalysisContext> Of(Action<SymbolAnalysisContext> action) =>
            SkipGeneratedCode
                ? Guard.Wrap(context =>
                {
                    if (!context.IsGeneratedCode)
                    {
                        action(context);
                    }
                })
                : Guard.Wrap(action);
    }
}
