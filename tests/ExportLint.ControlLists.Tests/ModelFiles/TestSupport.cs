using System.Diagnostics;
using ExportLint.ControlLists.ModelFiles;
using Xunit;

namespace ExportLint.ControlLists.Tests.ModelFiles;

internal static class TestSupport
{
    public static ModelFileInfo Read(byte[] bytes, string? fileName = null, bool seekable = true)
    {
        using var stream = seekable ? (Stream)new MemoryStream(bytes, writable: false) : new NonSeekableStream(new MemoryStream(bytes, writable: false));
        return ModelFileReader.Read(stream, fileName);
    }

    /// <summary>Reads every strict prefix of <paramref name="file"/>; returns the prefix lengths read without a problem.</summary>
    public static List<int> PrefixesWithoutProblem(byte[] file, string fileName, bool seekable)
    {
        var clean = new List<int>();
        var clock = Stopwatch.StartNew();
        for (var n = 0; n < file.Length; n++)
        {
            var info = Read(file.AsSpan(0, n).ToArray(), fileName, seekable);
            if (info.Problem is null)
            {
                clean.Add(n);
            }
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "prefix reads took too long");
        return clean;
    }
}
