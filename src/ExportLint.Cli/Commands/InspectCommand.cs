using System.CommandLine;
using System.Globalization;
using ExportLint.Cli.Scanning;
using ExportLint.ControlLists;
using ExportLint.Reports;
using Newtonsoft.Json;

namespace ExportLint.Cli;

/// <summary><c>exportlint inspect &lt;model file&gt;…</c>: what a model file's header says, and which entries it matches.</summary>
internal static class InspectCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var files = new Argument<string[]>("file") { Description = "Model files (safetensors, GGUF, ONNX are parsed; PyTorch, pickle, HDF5, TFLite are identified).", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var noHash = new Option<bool>("--no-hash") { Description = "Do not hash the file: only its header is read." };
        var lists = CommonOptions.ControlList();
        var noDefault = CommonOptions.NoDefaultList();
        var asOf = CommonOptions.AsOf();
        var command = new Command("inspect",
            "Read model files' headers (only the headers) and a streamed sha256: format, tensor count, parameter count, " +
            "dtypes, metadata, and the control-list entries each file matches, with why." + Environment.NewLine + Environment.NewLine +
            "Examples:" + Environment.NewLine +
            "  exportlint inspect models/tiny-llama.gguf" + Environment.NewLine +
            "  exportlint inspect --json --no-hash weights/*.safetensors")
        {
            files, json, noHash, lists, noDefault, asOf,
        };
        command.SetAction(result =>
        {
            if (CommonOptions.Lists(result, lists, noDefault, asOf, error) is not { } listSet)
            {
                return ExitCodes.Usage;
            }

            var factory = new FindingFactory("error");
            var results = new List<object>();
            var exit = ExitCodes.Success;
            foreach (var file in result.GetValue(files) ?? [])
            {
                var inspected = ModelFileInspector.Inspect(file, file, result.GetValue(noHash) ? 0 : long.MaxValue);
                if (inspected.Unreadable is { } why)
                {
                    error.WriteLine($"{file}: error {ExportLint.ControlLists.DiagnosticIds.ScanInputUnreadable}: could not be read: {why}");
                    exit = ExitCodes.Incomplete;
                    continue;
                }

                if (inspected.Record is not { } record || inspected.Info is not { } info)
                {
                    var length = File.Exists(file) ? new FileInfo(file).Length : -1;
                    if (length < 0)
                    {
                        error.WriteLine($"{file}: error {ExportLint.ControlLists.DiagnosticIds.ScanInputUnreadable}: no such file");
                        exit = ExitCodes.Incomplete;
                        continue;
                    }

                    results.Add(new { path = file, kind = "unknown", length });
                    if (!result.GetValue(json))
                    {
                        output.WriteLine($"{file}: not a model file ExportLint recognises by its bytes ({ModelFileInspector.Size(length)})");
                    }

                    continue;
                }

                var matches = ModelFileInspector.Match(listSet.Resolved, factory, record, info, "inspected", null, new Location { File = file }).ToList();
                if (record.HeaderProblem is not null && exit == ExitCodes.Success)
                {
                    exit = ExitCodes.Incomplete;
                }

                if (result.GetValue(json))
                {
                    results.Add(new
                    {
                        model = record,
                        headerBytesRead = info.HeaderBytes,
                        matches = matches.Select(m => new { m.EntryId, m.ListId, m.Category, m.Severity, m.Classification, m.Citation, m.Message }),
                    });
                    continue;
                }

                output.WriteLine(file);
                output.WriteLine($"  format:      {record.Kind}");
                var exact = record.Length.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
                var size = record.Length < 1024 ? exact : $"{ModelFileInspector.Size(record.Length)} ({exact})";
                output.WriteLine($"  size:        {size}; header read: {info.HeaderBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes");
                output.WriteLine($"  tensors:     {FindingMessage.Count(record.TensorCount)}");
                output.WriteLine($"  parameters:  {FindingMessage.Count(record.ParameterCount)}");
                output.WriteLine($"  dtypes:      {(record.Dtypes.Count == 0 ? "-" : string.Join(", ", record.Dtypes))}");
                output.WriteLine($"  sha256:      {record.Sha256 ?? record.HashProblem}");
                if (record.HeaderProblem is { } problem)
                {
                    output.WriteLine($"  header:      INCOMPLETE: {problem}");
                }

                foreach (var pair in record.Metadata)
                {
                    output.WriteLine($"  meta {pair.Key}: {pair.Value}");
                }

                if (matches.Count == 0)
                {
                    output.WriteLine("  entries:     none matches");
                }

                foreach (var match in matches)
                {
                    output.WriteLine($"  entry:       {match.EntryId} ({match.ListId}; {match.Severity}; {match.Classification}; {match.Citation})");
                    output.WriteLine($"               {match.Message}");
                }
            }

            if (result.GetValue(json))
            {
                output.WriteLine(JsonConvert.SerializeObject(results, Formatting.Indented));
            }

            return exit;
        });
        return command;
    }
}
