using ExportLint.ListCompiler;

// dotnet run --project src/ExportLint.ListCompiler -- <rules folder> <output .g.cs> [--check]
// Writes the compiled form of the shipped lists; with --check, writes nothing and exits 1 when the file is out of date.
var positional = args.Where(a => a != "--check").ToArray();
var check = args.Contains("--check");
if (positional.Length != 2)
{
    Console.Error.WriteLine("usage: ExportLint.ListCompiler <rules folder> <CompiledControlLists.g.cs> [--check]");
    return 2;
}

string code;
try
{
    code = ShippedListCompiler.CompileDirectory(positional[0]);
}
catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}

var output = positional[1];
var current = File.Exists(output) ? File.ReadAllText(output) : null;
if (current == code)
{
    Console.WriteLine($"{output} is up to date");
    return 0;
}

if (check)
{
    Console.Error.WriteLine($"{output} is out of date with {positional[0]}; run: {ShippedListCompiler.Command}");
    return 1;
}

File.WriteAllText(output, code);
Console.WriteLine($"wrote {output}");
return 0;
