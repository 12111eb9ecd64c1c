namespace Warpscope.Core.Datasets;

/// <summary>The points of a CSV file, its class names in class-index order, and the rectangle that frames them.</summary>
public sealed record CsvData(LabeledPoints Points, IReadOnlyList<string> ClassNames, PlaneRect Domain)
{
    /// <summary>The names of the two coordinate columns: the header's, or x and y without one.</summary>
    public IReadOnlyList<string> AxisNames { get; init; } = Dataset.PlainAxes;

    /// <summary>The file read, with its size and SHA-256 (null for text that came from elsewhere).</summary>
    public DataSource? Source { get; init; }
}
