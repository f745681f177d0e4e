using BenchmarkDotNet.Attributes;
using ExportLint.ControlLists;
using ExportLint.ControlLists.Loading;
using ExportLint.ControlLists.Matching;

namespace ExportLint.Benchmarks;

/// <summary>
/// Matching a symbol against lists of 10, 1,000 and 10,000 API entries. The analyzers ask <c>ForType</c> once per
/// type and <c>ForMember</c> once per call site; both must cost the same whatever the list's size.
/// </summary>
[MemoryDiagnoser]
public class ApiIndexBenchmarks
{
    private static readonly string[] HitType = ["Vendor5", "Library", "Type5"];
    private static readonly string[] MissType = ["System", "Collections", "Generic", "List"];
    private ApiIndex _index = null!;
    private TypeApiMatches _hit = null!;

    [Params(10, 1_000, 10_000)]
    public int Entries { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var yaml = new System.Text.StringBuilder("controllist: bench\nentries:\n");
        for (var i = 0; i < Entries; i++)
        {
            yaml.Append("  - id: E").Append(i).Append("\n    category: restricted-api\n    severity: info\n    message: m\n    match:\n      apis: [\"Vendor")
                .Append(i).Append(".Library.Type").Append(i).Append(".Method").Append(i).Append("\"]\n");
        }

        var list = ControlListLoader.LoadText(yaml.ToString());
        if (list.HasErrors)
        {
            throw new InvalidOperationException(list.Problems[0].ToString());
        }

        _index = list.Apis;
        _hit = _index.ForType(HitType);
    }

    [Benchmark(Description = "ForType, a type no entry names")]
    public bool ForTypeMiss() => _index.ForType(MissType).IsEmpty;

    [Benchmark(Description = "ForType, a type an entry names")]
    public bool ForTypeHit() => _index.ForType(HitType).IsEmpty;

    [Benchmark(Description = "ForMember on a cached type (per call site)")]
    public int ForMember() => _hit.ForMember("Method5").Length + _hit.ForMember("ToString").Length;
}
