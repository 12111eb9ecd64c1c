namespace Warpscope.Core.IO;

/// <summary>
/// Writes a file so that readers see the old file or the whole new one, never a half-written one:
/// write a <see cref="PendingFile"/> beside it, flush it to disk, then rename it over the target.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        using var file = new PendingFile(path);
        try
        {
            using (var stream = new FileStream(file.TempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            file.Commit();
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UserInputException($"{path}: cannot write ({e.Message})");
        }
    }

    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(text);
        });
}
