namespace Warpscope.Core.Datasets;

/// <summary>A dataset split into training and test points, with its class names and view rectangle.</summary>
public sealed record Dataset(
    DatasetSpec Spec,
    LabeledPoints Train,
    LabeledPoints Test,
    IReadOnlyList<string> ClassNames,
    PlaneRect Domain)
{
    public int ClassCount => ClassNames.Count;
}
