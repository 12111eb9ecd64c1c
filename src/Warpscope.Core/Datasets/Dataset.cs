namespace Warpscope.Core.Datasets;

/// <summary>A dataset split into training and test points, with its class names (or, for regression, its target's name) and view rectangle.</summary>
public sealed record Dataset(
    DatasetSpec Spec,
    LabeledPoints Train,
    LabeledPoints Test,
    IReadOnlyList<string> ClassNames,
    PlaneRect Domain)
{
    public static readonly IReadOnlyList<string> PlainAxes = ["x", "y"];

    /// <summary>The axes of 3-D data without column names.</summary>
    public static readonly IReadOnlyList<string> SpaceAxes = ["x", "y", "z"];

    /// <summary>2 for points of the plane, 3 for points of space (x, y, z).</summary>
    public int Dimensions => Train.Count > 0 ? Train.Dimensions : Test.Dimensions;

    /// <summary>The network's output width: the number of classes, or 1 (the target's name is the one "class name") for regression.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>Regression when the points carry target values, classification otherwise.</summary>
    public LearningTask Task => Train.Task;

    /// <summary>What the input axes are called: a CSV's column names, x and y (and z) otherwise.</summary>
    public IReadOnlyList<string> AxisNames { get; init; } = PlainAxes;

    /// <summary>The file the points were read from (null for a built-in generator or drawn points).</summary>
    public DataSource? Source { get; init; }

    /// <summary>The file the test points were read from (<see cref="DatasetSpec.TestData"/>); null when they were split off.</summary>
    public DataSource? TestSource { get; init; }
}
