namespace Warpscope.Core.IO;

/// <summary>
/// A file written under a hidden temporary name beside its target and renamed over it on
/// <see cref="Commit"/>, so a reader never sees half a file (a model, a picture, an animation) and a failure leaves nothing.
/// </summary>
public sealed class PendingFile : IDisposable
{
    private bool _committed;

    public PendingFile(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath) ?? throw new UserInputException($"{path}: not a file path");
        if (!Directory.Exists(folder)) throw new UserInputException($"{path}: folder '{folder}' does not exist");
        TargetPath = fullPath;
        // A unique name: two writers to the same target must not share a temporary file.
        TempPath = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.partial");
    }

    public string TargetPath { get; }

    public string TempPath { get; }

    public void Commit()
    {
        File.Move(TempPath, TargetPath, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed) File.Delete(TempPath);
    }
}
