using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ExportLint.Analyzers.Infrastructure;

/// <summary>
/// What every analyzer driven by the control list shares: concurrent execution, generated code left alone, and the
/// effective list loaded at compilation start (from the shared cache, so several analyzers do not parse it twice).
/// </summary>
/// <remarks>
/// Generated code is not reported: a finding there cannot be fixed or suppressed where it is written, and the code
/// that generated it (a LibraryImport source generator, a gRPC client) is reported at its own source: a
/// [LibraryImport] attribute, a call site. The CLI inventory covers the rest.
/// <para>
/// ExportLint asks the compiler for every callback (<see cref="GeneratedCodeAnalysisFlags.Analyze"/> and
/// <see cref="GeneratedCodeAnalysisFlags.ReportDiagnostics"/>), and every action, registered through
/// <see cref="InWrittenCode(Action{OperationAnalysisContext})"/>, returns at once where the context says
/// <c>IsGeneratedCode</c> (a generated file by name or header, or a symbol with <c>[GeneratedCode]</c>). With
/// <see cref="GeneratedCodeAnalysisFlags.None"/> the compiler would do the same, but it also checks each reported
/// diagnostic for an enclosing <c>[GeneratedCode]</c> by scanning every token of the file, the first time per file:
/// measured at a fifth of ExportLint's time in the analyzer benchmark (docs/performance.md).
/// </para>
/// </remarks>
internal abstract class ControlListAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.RegisterCompilationStartAction(Guard.Wrap<CompilationStartAnalysisContext>(start =>
        {
            var list = ControlListSource.For(
                start.Options,
                text => start.TryGetValue(text, ControlListSource.TextProvider, out var value) ? value : new ControlListSource.ListText(text),
                start.CancellationToken);
            OnCompilationStart(start, list);
        }));
    }

    /// <summary>Registers the analyzer's actions for one compilation, or nothing when the list gives it nothing to look for.</summary>
    protected abstract void OnCompilationStart(CompilationStartAnalysisContext context, AnalyzerControlList list);

    /// <summary>An operation action that is guarded and not run on generated code (see the remarks): register every action through this.</summary>
    protected static Action<OperationAnalysisContext> InWrittenCode(Action<OperationAnalysisContext> action) =>
        Guard.Wrap<OperationAnalysisContext>(context =>
        {
            if (!context.IsGeneratedCode)
            {
                action(context);
            }
        });

    /// <summary>A symbol action that is guarded and not run on generated code (see the remarks).</summary>
    protected static Action<SymbolAnalysisContext> InWrittenCode(Action<SymbolAnalysisContext> action) =>
        Guard.Wrap<SymbolAnalysisContext>(context =>
        {
            if (!context.IsGeneratedCode)
            {
                action(context);
            }
        });
}
