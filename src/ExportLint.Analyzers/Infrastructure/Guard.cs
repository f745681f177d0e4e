using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ExportLint.Analyzers.Infrastructure;

/// <summary>
/// An analyzer never throws into the compiler: a bug in a callback costs that one finding, not an AD0001 that
/// disables the analyzer for the whole compilation. Tests turn <see cref="Rethrow"/> on so bugs are not hidden.
/// </summary>
internal static class Guard
{
    /// <summary>Set by tests: let exceptions reach the host, which reports them.</summary>
    internal static volatile bool Rethrow;

    public static Action<T> Wrap<T>(Action<T> action) => context =>
    {
        try
        {
            action(context);
        }
        catch (Exception ex) when (!Rethrow && ex is not OperationCanceledException)
        {
            // Deliberately nothing: see the class comment.
        }
    };
}
