using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ExportLint.Analyzers.Infrastructure;

/// <summary>
/// An analyzer never throws into the compiler, and never fails silently either. A bug in a callback is reported as
/// EXL0010 ("ExportLint could not analyse this file: …") where it happened (the operation, the symbol, the
/// attribute; the whole file when a compilation could not be set up), with the exception in the message and in the
/// <c>exception</c> property. An AD0001 would turn the analyzer off for the whole compilation; a caught and dropped
/// exception would turn a file that was not analysed into a clean one. Cancellation is not a failure.
/// </summary>
internal static class Guard
{
    /// <summary>The diagnostic property that holds the whole exception (type, message, stack), for an issue report.</summary>
    public const string ExceptionProperty = "exception";

    private const int MaxExceptionText = 4000;

    public static Action<OperationAnalysisContext> Wrap(Action<OperationAnalysisContext> action) => context =>
    {
        try
        {
            action(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            context.ReportDiagnostic(Failure(context.Operation.Syntax.GetLocation(), ex));
        }
    };

    public static Action<SymbolAnalysisContext> Wrap(Action<SymbolAnalysisContext> action) => context =>
    {
        try
        {
            action(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var symbol = context.Symbol;
            var location = symbol.Locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;
            context.ReportDiagnostic(Failure(location, ex));
        }
    };

    public static Action<SyntaxNodeAnalysisContext> Wrap(Action<SyntaxNodeAnalysisContext> action) => context =>
    {
        try
        {
            action(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            context.ReportDiagnostic(Failure(context.Node.GetLocation(), ex));
        }
    };

    /// <summary>A compilation-wide action: a failure there concerns no one file, so it is reported without a location.</summary>
    public static Action<CompilationAnalysisContext> Wrap(Action<CompilationAnalysisContext> action) => context =>
    {
        try
        {
            action(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            context.ReportDiagnostic(Failure(Location.None, ex));
        }
    };

    /// <summary>
    /// The start of a compilation, which cannot report: when it fails, nothing of the compilation was analysed, so
    /// every file is reported as not analysed (at its start), through a syntax-tree action registered instead.
    /// </summary>
    public static Action<CompilationStartAnalysisContext> Wrap(Action<CompilationStartAnalysisContext> action) => context =>
    {
        try
        {
            action(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            context.RegisterSyntaxTreeAction(tree =>
                tree.ReportDiagnostic(Failure(Location.Create(tree.Tree, default), ex)));
        }
    };

    /// <summary>The EXL0010 diagnostic for an exception at a location.</summary>
    public static Diagnostic Failure(Location location, Exception exception)
    {
        // The innermost exception of a type-initialisation or aggregate failure is the one that says what went wrong.
        var shown = exception;
        while (shown is TypeInitializationException or System.Reflection.TargetInvocationException && shown.InnerException is { } inner)
        {
            shown = inner;
        }

        var text = exception.ToString();
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(ExceptionProperty, text.Length > MaxExceptionText ? text.Substring(0, MaxExceptionText) + "…" : text);
        return Diagnostic.Create(Descriptors.AnalysisFailed, location, properties, OneLine(shown.GetType().FullName + ": " + shown.Message));
    }

    private static string OneLine(string text)
    {
        var line = string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim().TrimEnd('.');
        return line.Length > 400 ? line.Substring(0, 397) + "..." : line;
    }
}
