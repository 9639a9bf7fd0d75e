using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace TradeX.Journal;

/// <summary>
/// Making written bytes durable. On Linux a file's data goes to stable storage with <c>fdatasync</c>,
/// which also writes the file size an append changed but skips metadata a read does not need
/// (modification time), so it is cheaper than <c>fsync</c> for an append-only log. A newly created or
/// renamed file is only durable once its directory is synced too. Elsewhere
/// <see cref="RandomAccess.FlushToDisk"/> (fsync / FlushFileBuffers). A failed sync throws: after a
/// failed fsync Linux may have dropped the dirty pages, so the writer must stop, never retry and go on.
/// </summary>
internal static partial class FileSync
{
    public static void Data(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
        {
            RandomAccess.FlushToDisk(handle);
            return;
        }
        bool added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (fdatasync((int)handle.DangerousGetHandle()) != 0)
            {
                throw new IOException($"fdatasync failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
    }

    /// <summary>Makes the directory entries of <paramref name="directory"/> (created, renamed files) durable. Linux only; elsewhere a no-op.</summary>
    public static void Directory(string directory)
    {
        if (!OperatingSystem.IsLinux()) return;
        int fd = open(directory, 0 /* O_RDONLY: a directory can be opened read-only and synced */);
        if (fd < 0) throw new IOException($"cannot open directory '{directory}' to sync it: errno {Marshal.GetLastPInvokeError()}");
        try
        {
            if (fsync(fd) != 0) throw new IOException($"fsync of directory '{directory}' failed: errno {Marshal.GetLastPInvokeError()}");
        }
        finally
        {
            _ = close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static partial int fdatasync(int fd);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int fsync(int fd);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int close(int fd);
}
