using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace ExportLint.ControlLists.IO;

/// <summary>
/// Opens files for the build task and the command-line tool only when they are regular files, and reads them with a
/// size cap. A FIFO, a socket or a device (<c>/dev/zero</c>) is never opened: opening a FIFO for reading blocks until
/// someone writes, and a device can be read forever. .NET reports such files as ordinary ones (attributes
/// <c>Normal</c>, length 0), so on Linux and macOS the file type is asked of the operating system (<c>statx</c>,
/// <c>stat</c>); where that is not possible, a file whose size the system gives as 0 is not opened either (pipes and
/// devices report 0). Every message names the file. Nothing here throws for a bad file.
/// </summary>
/// <remarks>
/// The check and the open are two system calls: a file swapped for a FIFO between them would still block. That needs
/// write access to the checked folder during the build, which is outside the threat model (docs/security.md).
/// </remarks>
public static class RegularFile
{
    /// <summary>Whether <paramref name="path"/> is a regular file (after symbolic links), with its length; else why not.</summary>
    public static bool Check(string path, out long length, out string? reason)
    {
        length = 0;
        reason = null;
        try
        {
            if (Directory.Exists(path))
            {
                reason = "it is a directory";
                return false;
            }

            var info = new FileInfo(path);

            if (!info.Exists)
            {
                reason = "it does not exist";
                return false;
            }

            var type = NativeFileType(info.FullName);
            if (type is { } t && t != UnixFileType.Regular)
            {
                reason = $"it is not a regular file but {Describe(t)}, so it was not opened";
                return false;
            }

            length = info.Length;
            if (type is null && length == 0)
            {
                // Without the file type, a zero length is what pipes and devices show: do not risk opening it.
                reason = "the system reports its size as 0, which may be a pipe or a device rather than an empty file, so it was not opened";
                return false;
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            reason = ex.Message;
            return false;
        }
    }

    /// <summary>
    /// Whether a file that the system gives a length of 0 is in fact a named pipe, a socket or a device, which must never
    /// be opened (a read would wait for a writer, or never end); the reason names what it is. Only the file's type is
    /// asked, so an empty regular file, and any file where the type cannot be asked (Windows, where such files do not
    /// live among a repository's), is not special. Call it for files of length 0 only: others cannot be such files.
    /// </summary>
    public static bool IsSpecial(string path, out string? reason)
    {
        reason = null;
        try
        {
            if (NativeFileType(Path.GetFullPath(path)) is { } type && type is not (UnixFileType.Regular or UnixFileType.Directory))
            {
                reason = $"it is not a regular file but {Describe(type)}, so it was not opened";
                return true;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // Not special as far as can be told: the reader that opens it says what goes wrong.
        }

        return false;
    }

    /// <summary>
    /// Opens a regular file for reading, or returns null with the reason (naming nothing: the caller names the file).
    /// Exceptions from opening (permissions, sharing) become the reason too.
    /// </summary>
    public static FileStream? TryOpen(string path, out string? reason)
    {
        if (!Check(path, out _, out reason))
        {
            return null;
        }

        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 4096);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            reason = ex.Message;
            return null;
        }
    }

    /// <summary>
    /// Reads a regular file of at most <paramref name="maxBytes"/> bytes as UTF-8 text. Reads no more than
    /// <paramref name="maxBytes"/> + 1 bytes whatever the file claims, so a file that grows while read stays bounded.
    /// </summary>
    public static string? TryReadText(string path, long maxBytes, out string? reason)
    {
        using var stream = TryOpen(path, out reason);
        if (stream is null)
        {
            return null;
        }

        try
        {
            if (stream.Length > maxBytes)
            {
                reason = TooLarge(stream.Length, maxBytes);
                return null;
            }

            var buffer = new byte[(int)Math.Min(maxBytes + 1, Math.Max(stream.Length, 0) + 1)];
            var total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (buffer.Length > maxBytes)
                    {
                        reason = TooLarge(total, maxBytes);
                        return null;
                    }

                    Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1, buffer.Length * 2L));
                }

                var read = stream.Read(buffer, total, buffer.Length - total);
                if (read <= 0)
                {
                    break;
                }

                total += read;
            }

            using var reader = new StreamReader(new MemoryStream(buffer, 0, total, writable: false), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            reason = ex.Message;
            return null;
        }
    }

    private static string TooLarge(long length, long maxBytes) =>
        string.Format(CultureInfo.InvariantCulture, "it is {0:0.0} MiB, over the limit of {1:0.0} MiB", length / (1024.0 * 1024.0), maxBytes / (1024.0 * 1024.0));

    internal enum UnixFileType
    {
        Regular,
        Directory,
        Fifo,
        CharacterDevice,
        BlockDevice,
        Socket,
        SymbolicLink,
        Other,
    }

    private static string Describe(UnixFileType type) => type switch
    {
        UnixFileType.Fifo => "a FIFO (named pipe)",
        UnixFileType.CharacterDevice => "a character device",
        UnixFileType.BlockDevice => "a block device",
        UnixFileType.Socket => "a socket",
        UnixFileType.Directory => "a directory",
        UnixFileType.SymbolicLink => "a dangling symbolic link",
        _ => "a special file",
    };

    private static int _nativeState; // 0 untried, 1 works, -1 unavailable

    /// <summary>The file type from the operating system (symbolic links followed), or null when it cannot be asked.</summary>
    internal static UnixFileType? NativeFileType(string fullPath)
    {
        if (_nativeState < 0 || RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return null;
        }

        try
        {
            // The path goes over as NUL-terminated UTF-8, as the system expects.
            var path = Encoding.UTF8.GetBytes(fullPath + "\0");
            int? mode = null;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                // statx's buffer has the same layout on every architecture: stx_mode is a u16 at offset 0x1C.
                var buffer = new byte[256];
                if (StatX(AtFdCwd, path, 0, StatxType, buffer) == 0)
                {
                    mode = buffer[0x1C] | (buffer[0x1D] << 8);
                }
            }
            else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                // struct stat (64-bit inodes): st_dev is 4 bytes, then st_mode, a u16 at offset 4.
                var buffer = new byte[256];
                var result = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? StatInode64(path, buffer) : Stat(path, buffer);
                if (result == 0)
                {
                    mode = buffer[4] | (buffer[5] << 8);
                }
            }
            else
            {
                _nativeState = -1;
                return null;
            }

            _nativeState = 1;
            if (mode is not { } m)
            {
                // The call failed (no such file, no permission on a folder): let the managed open report it.
                return null;
            }

            return (m & 0xF000) switch
            {
                0x8000 => UnixFileType.Regular,
                0x4000 => UnixFileType.Directory,
                0x1000 => UnixFileType.Fifo,
                0x2000 => UnixFileType.CharacterDevice,
                0x6000 => UnixFileType.BlockDevice,
                0xC000 => UnixFileType.Socket,
                0xA000 => UnixFileType.SymbolicLink,
                _ => UnixFileType.Other,
            };
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or MarshalDirectiveException or BadImageFormatException)
        {
            _nativeState = -1;
            return null;
        }
    }

    private const int AtFdCwd = -100;
    private const uint StatxType = 0x0001 | 0x0200; // STATX_TYPE | STATX_SIZE

    [DllImport("libc", EntryPoint = "statx")]
    private static extern int StatX(int directory, byte[] path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", EntryPoint = "stat")]
    private static extern int Stat(byte[] path, byte[] buffer);

    [DllImport("libc", EntryPoint = "stat$INODE64")]
    private static extern int StatInode64(byte[] path, byte[] buffer);
}
