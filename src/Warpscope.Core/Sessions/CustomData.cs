using Warpscope.Core.Datasets;

namespace Warpscope.Core.Sessions;

/// <summary>
/// Points a user drew, edited or uploaded, already split: points added by hand train, a CSV is split
/// by the seed and test fraction once, when it arrives, so editing never reshuffles the split.
/// </summary>
public sealed record CustomData(LabeledPoints Train, LabeledPoints Test, IReadOnlyList<string> ClassNames, PlaneRect Domain)
{
    public int Count => Train.Count + Test.Count;

    public bool Equals(CustomData? other) =>
        other is not null && Domain == other.Domain && ClassNames.SequenceEqual(other.ClassNames)
        && Same(Train, other.Train) && Same(Test, other.Test);

    public override int GetHashCode() => HashCode.Combine(Train.Count, Test.Count, ClassNames.Count, Domain);

    /// <summary>The dataset these points are, under the setup's spec.</summary>
    public Dataset ToDataset(DatasetSpec spec) => new(spec, Train, Test, ClassNames, Domain);

    /// <summary>A dataset's points as custom data, keeping its split.</summary>
    public static CustomData From(Dataset dataset) => new(dataset.Train, dataset.Test, dataset.ClassNames, dataset.Domain);

    /// <summary>Regression: the points carry target values, and <see cref="ClassNames"/> is the one target's name.</summary>
    public bool IsRegression => Train.Task == LearningTask.Regression;

    private static bool Same(LabeledPoints a, LabeledPoints b) =>
        a.X.AsSpan().SequenceEqual(b.X) && a.Y.AsSpan().SequenceEqual(b.Y) && a.Labels.AsSpan().SequenceEqual(b.Labels)
        && (a.Targets is null ? b.Targets is null : b.Targets is not null && a.Targets.AsSpan().SequenceEqual(b.Targets));
}
