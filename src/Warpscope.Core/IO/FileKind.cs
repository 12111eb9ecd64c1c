using System.Runtime.InteropServices;

namespace Warpscope.Core.IO;

/// <summary>What a path names on disk, as stat(2) tells it (symlinks followed).</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    /// <summary>A character or block device, a FIFO or a socket: written through, never replaced.</summary>
    Special,
}

/// <summary>
/// Asks the system what a path is. .NET reports devices and FIFOs as plain files, and replacing one by
/// renaming over it (as root, <c>--out /dev/full</c>) destroys it (issue 13); stat's file type tells them apart.
/// </summary>
public static partial class FileKinds
{
    public static FileKind Of(string path)
    {
        if (Directory.Exists(path)) return FileKind.Directory;
        if (!File.Exists(path)) return FileKind.Missing;
        if (!OperatingSystem.IsLinux()) return FileKind.Regular;
        var offset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,   // st_dev, st_ino, st_nlink (8 bytes each), then st_mode
            Architecture.Arm64 => 16, // the generic layout: st_dev, st_ino, then st_mode
            _ => -1,
        };
        if (offset < 0) return FileKind.Regular;
        Span<byte> stat = stackalloc byte[256];
        if (Stat(path, ref MemoryMarshal.GetReference(stat)) != 0) return FileKind.Missing;
        var mode = BitConverter.ToUInt32(stat.Slice(offset, 4)) & 0xF000;
        return mode switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            _ => FileKind.Special,
        };
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, ref byte buffer);
}
