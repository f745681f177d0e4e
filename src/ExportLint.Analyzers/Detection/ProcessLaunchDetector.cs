using System.Collections.Immutable;
using System.Text;
using ExportLint.Analyzers.Infrastructure;
using ExportLint.ControlLists;
using ExportLint.ControlLists.Matching;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ExportLint.Analyzers.Detection;

/// <summary>
/// Finds GPU jobs started as processes: <c>Process.Start(fileName, arguments)</c> (a string or a list of arguments)
/// and <c>new ProcessStartInfo(…)</c> with its initializer (<c>FileName</c>, <c>Arguments</c>, <c>ArgumentList</c>)
/// and what the method later sets on the local it is stored in. The command line known within the method
/// (<see cref="ConstantValues"/>) is matched as the CLI matches a line of a script (<see cref="TextLineMatcher"/>):
/// <c>sbatch --gres=gpu:8</c>, <c>srun -G 8</c>, <c>kubectl … --limits=nvidia.com/gpu=1</c>, <c>docker run --gpus all</c>,
/// and the same inside <c>sh -c "…"</c> (quotes are read as spaces). Reported where the command is put together (the
/// <c>Process.Start</c> call or the <c>ProcessStartInfo</c> creation), once; <c>Process.Start(info)</c> adds nothing.
/// Called by <see cref="Analyzers.ControlledApiAnalyzer"/> on its one walk, only for those two names.
/// </summary>
/// <remarks>
/// Not found: a command whose program or arguments come from outside the method, a <c>ProcessStartInfo</c> filled in
/// by another method, and process libraries other than <c>System.Diagnostics</c> (CliWrap, MedallionShell).
/// </remarks>
internal static class ProcessLaunchDetector
{
    /// <summary>Whether there is anything to find: whether the list has string patterns.</summary>
    public static bool AppliesTo(AnalyzerControlList list) => list.HasStrings;

    /// <summary><c>Process.Start(fileName, arguments)</c>.</summary>
    public static void Analyze(OperationAnalysisContext context, IInvocationOperation invocation, AnalyzerControlList list, RegexBudget budget)
    {
        var method = invocation.TargetMethod;
        if (method.Name != "Start" || !method.IsStatic || method.Parameters.Length == 0
            || method.Parameters[0].Type.SpecialType != SpecialType.System_String
            || !KnownType.Is(method.ContainingType, "System.Diagnostics", "Process"))
        {
            return;
        }

        var command = Command.Of(invocation.Arguments);

        command.Report(context, invocation.Syntax, list, budget);
    }

    /// <summary><c>new ProcessStartInfo(…) { … }</c>, and what the method later sets on the local it is stored in.</summary>
    public static void Analyze(OperationAnalysisContext context, IObjectCreationOperation creation, IMethodSymbol constructor, AnalyzerControlList list, RegexBudget budget)
    {
        if (constructor.ContainingType is not { Name: "ProcessStartInfo" } type || !KnownType.Is(type, "System.Diagnostics", "ProcessStartInfo"))
        {
            return;
        }

        var command = Command.Of(creation.Arguments);

        if (creation.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                switch (member)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                        command.Property(property.Property.Name, assignment.Value);
                        break;
                    case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: "ArgumentList" }, Initializer: { } items }:
                        foreach (var item in items.Initializers)
                        {
                            if (item is IInvocationOperation { Arguments.Length: 1 } add)
                            {
                                command.Argument(add.Arguments[0].Value);
                            }
                        }

                        break;
                }
            }
        }

        if (StoredIn(creation) is { } local)
        {
            LaterSettings(creation, local, command);
        }

        command.Report(context, creation.Syntax, list, budget);
    }

    private static ILocalSymbol? StoredIn(IOperation creation)
    {
        OperationFacts.Consumer(creation, out var value);
        return value.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
            _ => null,
        };
    }

    /// <summary><c>info.FileName = …</c>, <c>info.Arguments = …</c>, <c>info.ArgumentList.Add(…)</c> in the same body.</summary>
    private static void LaterSettings(IOperation creation, ILocalSymbol local, Command command)
    {
        var root = creation;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation target } property } assignment
                    when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    command.Property(property.Property.Name, assignment.Value);
                    break;
                case IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1, Instance: IPropertyReferenceOperation { Property.Name: "ArgumentList", Instance: ILocalReferenceOperation target } } add
                    when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    command.Argument(add.Arguments[0].Value);
                    break;
            }
        }
    }

    /// <summary>A command line put together from what is known of its parts.</summary>
    private sealed class Command
    {
        /// <summary>The command a call's or constructor's <c>fileName</c> and <c>arguments</c> give.</summary>
        public static Command Of(ImmutableArray<IArgumentOperation> arguments)
        {
            var command = new Command();
            foreach (var argument in arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "fileName":
                        command.FileName(argument.Value);
                        break;
                    case "arguments":
                        command.Arguments(argument.Value);
                        break;
                }
            }

            return command;
        }

        private static readonly char[] Separators = ['/', '\\'];

        private readonly List<string> _fileNames = [];
        private readonly List<List<string>> _arguments = [];
        private readonly List<string> _parts = [];

        /// <summary>The program, by its file name (<c>/usr/bin/sbatch</c> and <c>sbatch.exe</c> are <c>sbatch</c>).</summary>
        public void FileName(IOperation value)
        {
            foreach (var path in Known(value))
            {
                // The program loses its folder (/usr/bin/sbatch, C:\Program Files\Docker\docker.exe: words that hold a
                // separator continue its path); what follows it is kept (a whole command line given as the file name).
                var words = path.Split(' ');
                var count = 1;
                while (count < words.Length && words[count].IndexOfAny(Separators) >= 0 && !words[count].StartsWith("-", StringComparison.Ordinal)
                    && !words[count - 1].EndsWith(".exe", StringComparison.OrdinalIgnoreCase))
                {
                    count++;
                }

                var program = string.Join(" ", words, 0, count);
                var name = program.Substring(program.LastIndexOfAny(Separators) + 1);
                name = name.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - 4) : name;
                _fileNames.Add(count < words.Length ? name + " " + string.Join(" ", words, count, words.Length - count) : name);
            }
        }

        public void Property(string name, IOperation value)
        {
            if (name == "FileName")
            {
                FileName(value);
            }
            else if (name == "Arguments")
            {
                Arguments(value);
            }
        }

        /// <summary>A string of arguments, or a list of them (an array, a collection expression).</summary>
        public void Arguments(IOperation value)
        {
            if (value.Type?.SpecialType == SpecialType.System_String)
            {
                Argument(value);
                return;
            }

            var current = value;
            while (current is IConversionOperation conversion)
            {
                current = conversion.Operand;
            }

            if (current is IArrayCreationOperation { Initializer: { } initializer })
            {
                foreach (var element in initializer.ElementValues)
                {
                    Argument(element);
                }
            }
            else if (current.Syntax is CollectionExpressionSyntax collection && current.SemanticModel is { } model)
            {
                // Roslyn 4.8 has no operation for a collection expression: its elements are read one by one.
                foreach (var element in collection.Elements)
                {
                    if (element is ExpressionElementSyntax { Expression: { } expression } && model.GetOperation(expression) is { } operation)
                    {
                        Argument(operation);
                    }
                }
            }
        }

        public void Argument(IOperation value)
        {
            var values = Known(value);
            if (values.Count > 0)
            {
                _arguments.Add(values);
            }
        }

        private List<string> Known(IOperation value)
        {
            if (!ConstantValues.MayResolve(value))
            {
                return [];
            }

            var values = ConstantValues.Of(value);
            _parts.AddRange(values);
            return values;
        }

        public void Report(OperationAnalysisContext context, SyntaxNode syntax, AnalyzerControlList list, RegexBudget budget)
        {
            if (_arguments.Count == 0 && _fileNames.Count == 0)
            {
                return;
            }

            foreach (var line in Lines())
            {
                if (TextLineMatcher.Match(list.Resolved, line, wholeLine: line.Length <= TextLineMatcher.MaxWholeLine, budget, syntax) is not { } match)
                {
                    continue;
                }

                // A part that is a finding on its own is StringConstantAnalyzer's (one site, one finding).
                foreach (var part in _parts)
                {
                    if (list.MatchString(part, StringContext.Any, null, out _) == match.Entry)
                    {
                        return;
                    }
                }

                Findings.Report(context, match.Entry, OperationFacts.NameLocation(syntax), Findings.Quote(line.Trim()));
                return;
            }
        }

        /// <summary>Each command line the parts may make (bounded), with quotes read as spaces.</summary>
        private IEnumerable<string> Lines()
        {
            var lines = new List<string>();
            foreach (var fileName in _fileNames.Count == 0 ? [string.Empty] : _fileNames)
            {
                lines.Add(fileName);
            }

            foreach (var values in _arguments)
            {
                var next = new List<string>();
                foreach (var prefix in lines)
                {
                    foreach (var value in values)
                    {
                        if (next.Count < ConstantValues.MaxValues)
                        {
                            next.Add(prefix.Length == 0 ? value : prefix + " " + value);
                        }
                    }
                }

                lines = next;
            }

            foreach (var line in lines)
            {
                var text = new StringBuilder(line);
                text.Replace('"', ' ').Replace('\'', ' ').Replace('\r', ' ').Replace('\n', ' ');
                yield return text.ToString();
            }
        }
    }
}
