namespace Warpscope.Core.Datasets;

/// <summary>
/// The file a dataset was read from: its path as given and in full, its size and SHA-256, so that a
/// model can find it again anywhere and tell whether it is still the same data.
/// </summary>
public sealed record DataSource(string File, string FullPath, long Bytes, string Sha256)
{
    /// <summary>The source of the file at <paramref name="path"/> as it is now.</summary>
    public static DataSource Of(string path)
    {
        using var stream = System.IO.File.OpenRead(path);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
        return new DataSource(path, Path.GetFullPath(path), stream.Length, hash);
    }
}
