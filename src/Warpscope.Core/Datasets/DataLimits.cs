namespace Warpscope.Core.Datasets;

/// <summary>
/// The bounds every way in holds data to, the same for a CSV file, an upload and a point added in the
/// playground: beyond them a file is refused with its line, not read into a view of ±Infinity or a
/// process of gigabytes (issue 13).
/// </summary>
public static class DataLimits
{
    /// <summary>The largest |x| or |y| of a point.</summary>
    public const float MaxCoordinate = 1e6f;

    /// <summary>Data rows of a CSV at most (sample a larger file down).</summary>
    public const int MaxRows = 1_000_000;

    /// <summary>Bytes in one CSV line at most: a file without line breaks is refused, not held whole.</summary>
    public const int MaxLineBytes = 64 * 1024;

    /// <summary>Distinct label spellings at most while reading ("1" and "1.0" are two spellings of one class).</summary>
    public const int MaxLabelSpellings = 256;
}
