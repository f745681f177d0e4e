using System.Globalization;
using System.Text;

namespace ExportLint.Benchmarks;

/// <summary>
/// Writes a project.assets.json of the shape restore writes, for a graph of any size: packages in layers, each
/// depending on a few packages of the next layer, each with lib/, ref/ and runtimes/ files. A few packages are
/// restricted (ILGPU, TorchSharp-cuda-linux) and one on no list ships a CUDA runtime, as in a real big graph.
/// </summary>
public static class SyntheticAssets
{
    public static string Create(int packageCount, int filesPerPackage = 24, int directCount = 30)
    {
        var random = new Random(42);
        var ids = new List<string>();
        for (var i = 0; i < packageCount; i++)
        {
            ids.Add(i switch
            {
                7 => "ILGPU",
                120 => "TorchSharp-cuda-linux",
                300 => "Vendor.Inference.Native",
                _ => "Synthetic.Package" + i.ToString("D4", CultureInfo.InvariantCulture),
            });
        }

        var dependencies = new List<int>[packageCount];
        for (var i = 0; i < packageCount; i++)
        {
            dependencies[i] = [];
            for (var d = 0; d < 3; d++)
            {
                var target = i + 1 + random.Next(Math.Max(1, Math.Min(60, packageCount - i - 1)));
                if (target < packageCount && !dependencies[i].Contains(target))
                {
                    dependencies[i].Add(target);
                }
            }
        }

        var json = new StringBuilder();
        json.Append("{\n  \"version\": 3,\n  \"targets\": {\n    \"net8.0\": {\n");
        for (var i = 0; i < packageCount; i++)
        {
            json.Append("      \"").Append(ids[i]).Append("/1.0.").Append(i).Append("\": {\"type\": \"package\", \"dependencies\": {");
            json.Append(string.Join(", ", dependencies[i].Select(d => $"\"{ids[d]}\": \"1.0.{d}\"")));
            json.Append("}, \"compile\": {\"lib/net8.0/").Append(ids[i]).Append(".dll\": {}}, \"runtime\": {\"lib/net8.0/").Append(ids[i]).Append(".dll\": {}}}");
            json.Append(i < packageCount - 1 ? ",\n" : "\n");
        }

        json.Append("    }\n  },\n  \"libraries\": {\n");
        for (var i = 0; i < packageCount; i++)
        {
            var id = ids[i];
            var lower = id.ToLowerInvariant();
            json.Append("    \"").Append(id).Append("/1.0.").Append(i).Append("\": {\"sha512\": \"AAAA\", \"type\": \"package\", \"path\": \"")
                .Append(lower).Append("/1.0.").Append(i).Append("\", \"files\": [");
            var files = new List<string> { $"{lower}.1.0.{i}.nupkg.sha512", $"{lower}.nuspec", $"lib/net8.0/{id}.dll", $"lib/net8.0/{id}.xml", $"lib/netstandard2.0/{id}.dll" };
            for (var f = files.Count; f < filesPerPackage; f++)
            {
                files.Add(f % 3 == 0 ? $"runtimes/linux-x64/native/lib{lower}{f}.so" : $"lib/net8.0/{lower}.resources{f}.dll");
            }

            if (id == "Vendor.Inference.Native")
            {
                files.Add("runtimes/linux-x64/native/libcudart.so.12");
            }

            json.Append(string.Join(", ", files.Select(f => "\"" + f + "\"")));
            json.Append("]}").Append(i < packageCount - 1 ? ",\n" : "\n");
        }

        json.Append("  },\n  \"projectFileDependencyGroups\": {\n    \"net8.0\": [");
        json.Append(string.Join(", ", Enumerable.Range(0, Math.Min(directCount, packageCount)).Select(i => $"\"{ids[i]} >= 1.0.{i}\"")));
        json.Append("]\n  }\n}\n");
        return json.ToString();
    }
}
