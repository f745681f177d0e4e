using System.Globalization;
using System.Text;

namespace ExportLint.ControlLists.ModelFiles;

/// <summary>
/// A forward-only, buffered reader over the caller's stream that knows the file offset of every byte, checks
/// declared lengths against the stream length before allocating or skipping, and skips with Seek where it can.
/// Offsets are relative to the stream position at construction.
/// </summary>
internal sealed class HeaderInput
{
    // Large enough that small reads (varints, tags, GGUF scalars) rarely touch the stream.
    private const int BufferSize = 64 * 1024;

    // Strings kept for metadata are cut to this many characters; at most 4 UTF-8 bytes each are decoded.
    internal const int MaxTextChars = 256;

    private static readonly UTF8Encoding LenientUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly Stream _stream;
    private readonly long _origin;
    private readonly byte[] _buffer;
    private int _pos;
    private int _len;
    private long _bufferOffset;
    private bool _eof;

    public HeaderInput(Stream stream)
    {
        _stream = stream;
        if (stream.CanSeek)
        {
            try
            {
                _origin = stream.Position;
                Length = Math.Max(0, stream.Length - _origin);
            }
            catch (NotSupportedException)
            {
                // Some streams claim CanSeek but cannot report a length; treat them as forward-only.
                Length = null;
            }
        }

        // Small files (the common case for many analyzer calls) get a small buffer.
        _buffer = new byte[Length is { } known ? (int)Math.Max(1024, Math.Min(known, BufferSize)) : BufferSize];
    }

    /// <summary>Bytes available from the origin, when the stream can tell.</summary>
    public long? Length { get; }

    /// <summary>Offset of the next byte to read.</summary>
    public long Offset => _bufferOffset + _pos;

    /// <summary>
    /// Bytes of header the readers went through: read, or skipped as part of the header (names, unneeded fields).
    /// Skipped tensor data and bytes merely buffered ahead do not count.
    /// </summary>
    public long Consumed { get; private set; }

    /// <summary>Bytes actually read from the stream so far (buffered reads and reads to skip on a forward-only stream).</summary>
    public long BytesRead { get; private set; }

    /// <summary>
    /// When set, reading more than this many bytes from the stream stops the reader with a problem, so that a header
    /// walk costs bounded IO whatever the file declares. Seeks do not count.
    /// </summary>
    public long? ReadLimit { get; set; }

    /// <summary>Whether <see cref="SeekTo"/> works.</summary>
    public bool CanSeek => Length is not null;

    /// <summary>Copies up to <paramref name="count"/> bytes at the current offset without consuming them.</summary>
    public byte[] Peek(int count)
    {
        Fill(Math.Min(count, _buffer.Length));
        var n = Math.Min(count, _len - _pos);
        var copy = new byte[n];
        Buffer.BlockCopy(_buffer, _pos, copy, 0, n);
        return copy;
    }

    /// <summary>Whether the input is exhausted.</summary>
    public bool AtEnd() => Length is { } length ? Offset >= length : !Fill(1);

    public byte ReadByte()
    {
        if (!Fill(1))
        {
            throw EndOfFile();
        }

        Consumed++;
        return _buffer[_pos++];
    }

    public ushort ReadUInt16()
    {
        if (!Fill(2))
        {
            throw EndOfFile();
        }

        var value = (ushort)(_buffer[_pos] | (_buffer[_pos + 1] << 8));
        _pos += 2;
        Consumed += 2;
        return value;
    }

    public uint ReadUInt32()
    {
        if (!Fill(4))
        {
            throw EndOfFile();
        }

        var value = ReadUInt32(_buffer, _pos);
        _pos += 4;
        Consumed += 4;
        return value;
    }

    public ulong ReadUInt64()
    {
        if (!Fill(8))
        {
            throw EndOfFile();
        }

        var value = ReadUInt32(_buffer, _pos) | ((ulong)ReadUInt32(_buffer, _pos + 4) << 32);
        _pos += 8;
        Consumed += 8;
        return value;
    }

    /// <summary>
    /// Reads <paramref name="count"/> bytes into a new array, refusing counts over <paramref name="cap"/> or past
    /// the end of the stream. When the length is unknown the array grows only as data actually arrives, so a
    /// hostile length on a short non-seekable stream cannot force a large allocation.
    /// </summary>
    public byte[] ReadBlock(long count, long cap, string what)
    {
        if (count < 0 || count > cap)
        {
            throw new ModelFileFormatException(Invariant($"{what} length {(ulong)count} at offset {Offset} exceeds the limit of {cap} bytes"));
        }

        Require(count, what);
        var n = (int)count;
        var result = new byte[Length is null ? Math.Min(n, 1 << 20) : n];
        var filled = 0;
        while (filled < n)
        {
            if (filled == result.Length)
            {
                Array.Resize(ref result, (int)Math.Min(n, result.Length * 2L));
            }

            if (_pos == _len && !Fill(1))
            {
                throw EndOfFile();
            }

            var take = Math.Min(Math.Min(n - filled, _len - _pos), result.Length - filled);
            Buffer.BlockCopy(_buffer, _pos, result, filled, take);
            _pos += take;
            filled += take;
        }

        Consumed += n;
        return result;
    }

    /// <summary>
    /// Reads a string of <paramref name="byteLength"/> bytes for display: decodes at most enough bytes for
    /// <see cref="MaxTextChars"/> characters (invalid UTF-8 becomes U+FFFD), skips the rest, caps the result.
    /// </summary>
    public string ReadText(long byteLength, string what)
    {
        Require(byteLength, what);
        var keep = (int)Math.Min(byteLength, MaxTextChars * 4);
        var bytes = ReadBlock(keep, keep, what);
        Skip(byteLength - keep);
        return CapText(LenientUtf8.GetString(bytes));
    }

    /// <summary>
    /// Skips <paramref name="count"/> bytes: Seek when possible, else read and discard. <paramref name="isData"/>
    /// marks tensor data, which does not count towards <see cref="Consumed"/>.
    /// </summary>
    public void Skip(long count, bool isData = false)
    {
        if (count < 0)
        {
            throw new ModelFileFormatException(Invariant($"negative length at offset {Offset}"));
        }

        Require(count, "skipped data");
        if (!isData)
        {
            Consumed += count;
        }

        var buffered = _len - _pos;
        if (count <= buffered)
        {
            _pos += (int)count;
            return;
        }

        count -= buffered;
        _bufferOffset += _len;
        _pos = _len = 0;
        if (CanSeek)
        {
            // Require() has already checked that the target lies inside the stream.
            _stream.Seek(count, SeekOrigin.Current);
            _bufferOffset += count;
            return;
        }

        while (count > 0)
        {
            if (!Fill(1))
            {
                throw EndOfFile();
            }

            var take = (int)Math.Min(count, _len - _pos);
            _pos += take;
            count -= take;
        }
    }

    /// <summary>Moves to an absolute offset; only when <see cref="CanSeek"/>.</summary>
    public void SeekTo(long offset)
    {
        if (!CanSeek || offset < 0 || offset > Length)
        {
            throw new ModelFileFormatException(Invariant($"cannot move to offset {offset}"));
        }

        _stream.Seek(_origin + offset, SeekOrigin.Begin);
        _bufferOffset = offset;
        _pos = _len = 0;
        _eof = false;
    }

    /// <summary>Fails early, without allocating, when <paramref name="count"/> bytes are not left.</summary>
    public void Require(long count, string what)
    {
        if (Length is { } length && (count < 0 || count > length - Offset))
        {
            throw new ModelFileFormatException(Invariant(
                $"truncated: {what} needs {(ulong)count} bytes at offset {Offset} but the file ends at offset {length}"));
        }
    }

    public ModelFileFormatException EndOfFile() =>
        new(Invariant($"truncated: unexpected end of file at offset {Offset + (_len - _pos)}"));

    internal static uint ReadUInt32(byte[] bytes, int index) =>
        (uint)(bytes[index] | (bytes[index + 1] << 8) | (bytes[index + 2] << 16) | (bytes[index + 3] << 24));

    internal static string CapText(string text)
    {
        if (text.Length <= MaxTextChars)
        {
            return text;
        }

        // Keep room for the ellipsis and never split a surrogate pair.
        var cut = MaxTextChars - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text.Substring(0, cut) + "\u2026";
    }

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private bool Fill(int need)
    {
        if (_len - _pos >= need)
        {
            return true;
        }

        if (_pos > 0)
        {
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, _len - _pos);
            _bufferOffset += _pos;
            _len -= _pos;
            _pos = 0;
        }

        while (_len < need && !_eof)
        {
            if (ReadLimit is { } limit && BytesRead >= limit)
            {
                throw new ModelFileFormatException(Invariant(
                    $"the header walk stopped at offset {Offset}: it had read {limit} bytes, the limit for one file"));
            }

            var read = _stream.Read(_buffer, _len, _buffer.Length - _len);
            BytesRead += Math.Max(0, read);
            if (read <= 0)
            {
                _eof = true;
            }
            else
            {
                _len += read;
            }
        }

        return _len - _pos >= need;
    }
}
