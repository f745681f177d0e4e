using System.Text;

namespace ExportLint.ControlLists.ModelFiles;

/// <summary>
/// Decides whether a ZIP archive is a PyTorch checkpoint: <c>torch.save</c> (and TorchScript) write every
/// record under one top folder and include <c>&lt;folder&gt;/data.pkl</c>, normally as the first entry.
/// </summary>
internal static class PyTorchZipProbe
{
    private const uint LocalHeaderSignature = 0x04034B50;
    private const uint CentralHeaderSignature = 0x02014B50;
    private const uint EndOfCentralDirectorySignature = 0x06054B50;
    private const uint Zip64LocatorSignature = 0x07064B50;
    private const uint Zip64EndSignature = 0x06064B50;
    private const int EndRecordLength = 22;

    // The end record sits within its length plus a comment of at most 65,535 bytes from the end of the file.
    private const int EndSearchWindow = EndRecordLength + ushort.MaxValue;

    private const int MaxEntries = 100_000;
    private const long MaxCentralDirectoryBytes = 64L << 20;

    // Non-seekable streams can only be walked entry by entry; stop after this much skipped entry data.
    private const long MaxSequentialSkipBytes = 16L << 20;
    private const int MaxSequentialEntries = 1_000;

    private const string DataPkl = "/data.pkl";

    /// <summary>The top folder when the first local entry is <c>&lt;folder&gt;/data.pkl</c>, else null.</summary>
    public static string? FirstEntryArchive(ReadOnlySpan<byte> head) =>
        FirstEntryName(head) is { } name ? ArchiveOf(name) : null;

    /// <summary>The name of the first local entry when the head holds it whole, else null.</summary>
    internal static byte[]? FirstEntryName(ReadOnlySpan<byte> head)
    {
        if (head.Length < 30)
        {
            return null;
        }

        var nameLength = head[26] | (head[27] << 8);
        if (30 + nameLength > head.Length)
        {
            return null;
        }

        return head.Slice(30, nameLength).ToArray();
    }

    /// <summary>
    /// Sets the kind to <see cref="ModelFileKind.PyTorchZip"/> and <c>Metadata["archive"]</c> when the archive
    /// has a <c>&lt;folder&gt;/data.pkl</c> entry: the first entry, else the central directory (seekable
    /// streams), else a bounded walk of local headers.
    /// </summary>
    public static void Read(HeaderInput input, ModelFileInfoBuilder info)
    {
        var head = input.Peek(30 + ushort.MaxValue);
        var archive = FirstEntryArchive(head);
        if (archive is not null)
        {
            // Consume (and so count) just the first local header and its name.
            input.ReadBlock(30 + (head[26] | (head[27] << 8)), 30 + ushort.MaxValue, "ZIP local header");
        }
        else
        {
            archive = Search(input, ArchiveOf, "<folder>/data.pkl");
        }

        if (archive is null)
        {
            info.Kind = ModelFileKind.Unknown;
            info.Problem = "a ZIP archive without a <folder>/data.pkl entry is not a PyTorch checkpoint";
            return;
        }

        info.Kind = ModelFileKind.PyTorchZip;
        info.TryAddMetadata("archive", archive);
    }

    /// <summary>
    /// The first non-null answer of <paramref name="match"/> for the archive's entry names: from the central
    /// directory when the stream can seek, else from a bounded walk of the local headers.
    /// </summary>
    internal static string? Search(HeaderInput input, Func<byte[], string?> match, string lookingFor) =>
        input.CanSeek ? SearchCentralDirectory(input, match) : WalkLocalHeaders(input, match, lookingFor);

    private static string? SearchCentralDirectory(HeaderInput input, Func<byte[], string?> match)
    {
        var length = input.Length!.Value;
        var windowStart = Math.Max(0, length - EndSearchWindow);
        input.SeekTo(windowStart);
        var window = input.ReadBlock(length - windowStart, EndSearchWindow, "ZIP end of central directory");
        var end = -1;
        for (var i = window.Length - EndRecordLength; i >= 0; i--)
        {
            if (HeaderInput.ReadUInt32(window, i) == EndOfCentralDirectorySignature)
            {
                end = i;
                break;
            }
        }

        if (end < 0)
        {
            throw Fail("no end-of-central-directory record", length);
        }

        long entries = ReadUInt16(window, end + 10);
        long directorySize = HeaderInput.ReadUInt32(window, end + 12);
        long directoryOffset = HeaderInput.ReadUInt32(window, end + 16);
        if (entries == ushort.MaxValue || directorySize == uint.MaxValue || directoryOffset == uint.MaxValue)
        {
            (entries, directorySize, directoryOffset) = ReadZip64End(input, window, end, windowStart);
        }

        if (directoryOffset > length || directorySize > length - directoryOffset)
        {
            throw Fail("the central directory lies outside the file", windowStart + end);
        }

        if (entries > MaxEntries || directorySize > MaxCentralDirectoryBytes)
        {
            throw Fail(HeaderInput.Invariant($"the central directory ({entries} entries, {directorySize} bytes) exceeds the limits"), windowStart + end);
        }

        input.SeekTo(directoryOffset);
        for (long i = 0; i < entries; i++)
        {
            var at = input.Offset;
            if (input.ReadUInt32() != CentralHeaderSignature)
            {
                throw Fail("bad central directory entry signature", at);
            }

            input.Skip(24);
            var nameLength = input.ReadUInt16();
            var extraLength = input.ReadUInt16();
            var commentLength = input.ReadUInt16();
            input.Skip(12);
            var archive = match(input.ReadBlock(nameLength, ushort.MaxValue, "ZIP entry name"));
            if (archive is not null)
            {
                return archive;
            }

            input.Skip(extraLength + commentLength);
        }

        return null;
    }

    private static (long Entries, long Size, long Offset) ReadZip64End(HeaderInput input, byte[] window, int end, long windowStart)
    {
        var locator = end - 20;
        if (locator < 0 || HeaderInput.ReadUInt32(window, locator) != Zip64LocatorSignature)
        {
            throw Fail("ZIP64 sizes without a ZIP64 locator", windowStart + end);
        }

        var recordOffset = ReadUInt64(window, locator + 8);
        if (recordOffset > (ulong)(input.Length!.Value - 56))
        {
            throw Fail("the ZIP64 end record lies outside the file", windowStart + locator);
        }

        input.SeekTo((long)recordOffset);
        if (input.ReadUInt32() != Zip64EndSignature)
        {
            throw Fail("bad ZIP64 end record signature", (long)recordOffset);
        }

        input.Skip(28);
        var entries = input.ReadUInt64();
        var size = input.ReadUInt64();
        var offset = input.ReadUInt64();
        if (entries > MaxEntries || size > long.MaxValue || offset > long.MaxValue)
        {
            throw Fail("ZIP64 central directory values are out of range", (long)recordOffset);
        }

        return ((long)entries, (long)size, (long)offset);
    }

    private static string? WalkLocalHeaders(HeaderInput input, Func<byte[], string?> match, string lookingFor)
    {
        long skipped = 0;
        for (var i = 0; i < MaxSequentialEntries && !input.AtEnd(); i++)
        {
            var at = input.Offset;
            if (input.ReadUInt32() != LocalHeaderSignature)
            {
                return null; // the central directory (or garbage): no more local entries
            }

            input.Skip(2);
            var flags = input.ReadUInt16();
            input.Skip(10);
            long compressedSize = input.ReadUInt32();
            input.Skip(4);
            var nameLength = input.ReadUInt16();
            var extraLength = input.ReadUInt16();
            var archive = match(input.ReadBlock(nameLength, ushort.MaxValue, "ZIP entry name"));
            if (archive is not null)
            {
                return archive;
            }

            var extra = input.ReadBlock(extraLength, ushort.MaxValue, "ZIP extra field");
            if (compressedSize == uint.MaxValue)
            {
                compressedSize = Zip64CompressedSize(extra, at);
            }

            if ((flags & 0x08) != 0)
            {
                throw Fail("an entry with a trailing data descriptor cannot be skipped without seeking", at);
            }

            skipped += compressedSize;
            if (skipped > MaxSequentialSkipBytes)
            {
                throw Fail(HeaderInput.Invariant($"no {lookingFor} within the first {MaxSequentialSkipBytes} bytes of a non-seekable stream"), at);
            }

            input.Skip(compressedSize, isData: true);
        }

        return null;
    }

    private static long Zip64CompressedSize(byte[] extra, long at)
    {
        // ZIP64 extra field (id 1): uncompressed size, then compressed size, when both are 0xFFFFFFFF locally.
        for (var i = 0; i + 4 <= extra.Length;)
        {
            var id = ReadUInt16(extra, i);
            var size = ReadUInt16(extra, i + 2);
            if (id == 1 && size >= 16 && i + 4 + 16 <= extra.Length)
            {
                var compressed = ReadUInt64(extra, i + 12);
                return compressed <= long.MaxValue ? (long)compressed : throw Fail("ZIP64 size out of range", at);
            }

            i += 4 + size;
        }

        throw Fail("ZIP64 entry without a ZIP64 extra field", at);
    }

    private static string? ArchiveOf(byte[] name)
    {
        var text = Encoding.UTF8.GetString(name);
        if (!text.EndsWith(DataPkl, StringComparison.Ordinal))
        {
            return null;
        }

        var folder = text.Substring(0, text.Length - DataPkl.Length);
        return folder.Length > 0 && folder.IndexOf('/') < 0 && folder.IndexOf('\\') < 0 ? folder : null;
    }

    private static ushort ReadUInt16(byte[] bytes, int index) => (ushort)(bytes[index] | (bytes[index + 1] << 8));

    private static ulong ReadUInt64(byte[] bytes, int index) =>
        HeaderInput.ReadUInt32(bytes, index) | ((ulong)HeaderInput.ReadUInt32(bytes, index + 4) << 32);

    private static ModelFileFormatException Fail(string what, long offset) =>
        new(HeaderInput.Invariant($"ZIP: {what} at offset {offset}"));
}
