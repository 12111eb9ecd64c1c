namespace Warpscope.Core.IO;

/// <summary>
/// A file written under a hidden temporary name beside its target and renamed over it on
/// <see cref="Commit"/>, so a reader never sees half a file (a model, a picture, an animation) and a failure leaves nothing.
/// Only a regular file is ever replaced: a symlink is followed (its target is replaced), and a device, FIFO
/// or socket is written through in place (<c>--out /dev/stdout</c> prints; a FIFO feeds its reader). A path
/// that cannot be written (empty, a folder, in a missing folder) is refused at construction, before any work.
/// </summary>
public sealed class PendingFile : IDisposable
{
    private bool _committed;

    public PendingFile(string path)
    {
        TargetPath = Check(path, out var kind);
        WritesThrough = kind == FileKind.Special;
        // A unique name: two writers to the same target must not share a temporary file. It carries the
        // writer's process id, so that the next writer can tell a killed writer's leftover from a live one's.
        TempPath = WritesThrough ? TargetPath : Path.Combine(Path.GetDirectoryName(TargetPath)!, $".{Path.GetFileName(TargetPath)}.{Environment.ProcessId}-{Guid.NewGuid():N}.partial");
        if (!WritesThrough) RemoveLeftovers(TargetPath);
    }

    /// <summary>
    /// Deletes the temporary files that writers of this target left when they were killed (SIGKILL runs no
    /// clean-up): those whose process is gone. A live writer's file, or one whose name does not say
    /// whose it is, stays. Best effort: a file that cannot be read or deleted is left.
    /// </summary>
    private static void RemoveLeftovers(string target)
    {
        var folder = Path.GetDirectoryName(target)!;
        var prefix = $".{Path.GetFileName(target)}.";
        try
        {
            foreach (var file in Directory.EnumerateFiles(folder, prefix + "*.partial"))
            {
                var middle = Path.GetFileName(file)[prefix.Length..^".partial".Length];
                var dash = middle.IndexOf('-', StringComparison.Ordinal);
                if (dash <= 0 || !int.TryParse(middle[..dash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)) continue;
                if (pid == Environment.ProcessId || Alive(pid)) continue;
                File.Delete(file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The file that the writing ends in: the path, or the file its symlinks lead to.</summary>
    public string TargetPath { get; }

    /// <summary>Where to write: a temporary file beside the target, or the target itself when it is a device or FIFO.</summary>
    public string TempPath { get; }

    /// <summary>The target is a device, FIFO or socket: written in place, nothing renamed.</summary>
    public bool WritesThrough { get; }

    /// <summary>
    /// The full path that writing <paramref name="path"/> ends in (symlinks followed), or a
    /// <see cref="UserInputException"/> saying why it cannot be written. Cheap: commands call it before
    /// their work, so that a bad <c>--out</c> does not throw a training run away at the end.
    /// </summary>
    public static string Check(string path, out FileKind kind)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UserInputException("the output path is empty");
        string full;
        try
        {
            full = Path.GetFullPath(path);
            // What the path leads to, links followed by the system: a device, FIFO or pipe (/dev/stdout is a
            // link to /proc/self/fd/1, whose "target" is no path at all) is written through the path itself.
            kind = FileKinds.Of(full);
            if (kind == FileKind.Special) return full;
            // Else follow a symlink (chains too) to the file it names: that file is the one to replace.
            if (new FileInfo(full).LinkTarget is not null && File.ResolveLinkTarget(full, returnFinalTarget: true) is { } target)
                full = Path.GetFullPath(target.FullName);
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
        {
            throw new UserInputException($"{path}: not a usable file path ({e.Message})");
        }
        kind = FileKinds.Of(full);
        if (kind == FileKind.Directory) throw new UserInputException($"{path}: is a folder; give a file name");
        var folder = Path.GetDirectoryName(full) ?? throw new UserInputException($"{path}: not a file path");
        if (!Directory.Exists(folder)) throw new UserInputException($"{path}: folder '{folder}' does not exist");
        return full;
    }

    /// <summary>The stream to write: a new temporary file, or the device or FIFO itself.</summary>
    public FileStream Open(int bufferSize = 4096) => WritesThrough
        ? new FileStream(TargetPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize)
        : new FileStream(TempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize);

    /// <summary>Flushes a stream from <see cref="Open"/>: to the disk for a file (a device or FIFO has none).</summary>
    public void Flush(FileStream stream) => stream.Flush(flushToDisk: !WritesThrough);

    public void Commit()
    {
        if (!WritesThrough) File.Move(TempPath, TargetPath, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed && !WritesThrough) File.Delete(TempPath);
    }
}
