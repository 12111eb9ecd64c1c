using Warpscope.Core.Datasets;

namespace Warpscope.Core.Training;

/// <summary>
/// The data a model was trained on when it came from a file: where it came from and, up to
/// <see cref="MaxEmbeddedPoints"/> points, the training and test points themselves, so that the model
/// file draws the same views anywhere, with or without the CSV beside it (issue 13).
/// </summary>
public sealed record ModelData(DataSource Source, PlaneRect Domain, IReadOnlyList<string> AxisNames, LabeledPoints? Train, LabeledPoints? Test)
{
    /// <summary>Points kept in the model file at most (about 44 bytes each there: 100,000 make a 4.4 MB model); a larger file is found again by path and hash.</summary>
    public const int MaxEmbeddedPoints = 100_000;

    public bool Embedded => Train is not null && Test is not null;

    /// <summary>The held-out file the test points came from (<c>--test-data</c>); null when they were split off the training file.</summary>
    public DataSource? TestSource { get; init; }

    /// <summary>What a model keeps of a dataset read from a file: all of it when small enough, else where to find it.</summary>
    public static ModelData Of(Dataset dataset, DataSource source)
    {
        var embed = dataset.Train.Count + dataset.Test.Count <= MaxEmbeddedPoints;
        return new ModelData(source, dataset.Domain, dataset.AxisNames, embed ? dataset.Train : null, embed ? dataset.Test : null)
        {
            TestSource = dataset.TestSource,
        };
    }
}
