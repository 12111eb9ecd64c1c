namespace Warpscope.Core.IO;

/// <summary>
/// Writes a file so that readers see the old file or the whole new one, never a half-written one:
/// write a <see cref="PendingFile"/> beside it, flush it to disk, then rename it over the target
/// (a device or FIFO is written through instead: see <see cref="PendingFile"/>).
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        using var file = new PendingFile(path);
        try
        {
            using (var stream = file.Open())
            {
                write(stream);
                file.Flush(stream);
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
