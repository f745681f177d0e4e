using Microsoft.CodeAnalysis;

namespace ExportLint.Analyzers.Infrastructure;

/// <summary>
/// Recognises a framework type by its full name, without asking the compilation for it. Asked only after a cheaper
/// test (a method name) has passed, so the analyzers need no <c>GetTypeByMetadataName</c> at compilation start, which
/// searches every referenced assembly.
/// </summary>
internal static class KnownType
{
    /// <summary>Whether <paramref name="type"/> is the top-level type <paramref name="name"/> of namespace <paramref name="ns"/> (dotted).</summary>
    public static bool Is(ITypeSymbol? type, string ns, string name)
    {
        if (type is null || type.Name != name || type.ContainingType is not null)
        {
            return false;
        }

        // Compare the namespace segments from the innermost out, against the dotted name from its end.
        var end = ns.Length;
        for (var current = type.ContainingNamespace; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            var segment = current.Name;
            var start = end - segment.Length;
            if (start < 0 || string.CompareOrdinal(ns, start, segment, 0, segment.Length) != 0 || (start > 0 && ns[start - 1] != '.'))
            {
                return false;
            }

            end = start - 1;
        }

        return end == -1;
    }
}
