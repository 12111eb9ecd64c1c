namespace Warpscope.Core.Datasets;

/// <summary>One built-in dataset, registered by name in <see cref="DatasetRegistry"/>.</summary>
public interface IDatasetGenerator
{
    string Name { get; }

    /// <summary>One line for help texts.</summary>
    string Description { get; }

    /// <summary>Classification (a class per point), or regression (a target value per point).</summary>
    LearningTask Task => LearningTask.Classification;

    /// <summary>2 for points of the plane (x, y), 3 for points of space (x, y, z).</summary>
    int Dimensions => 2;

    /// <summary>The rectangle of the plane a view of this dataset shows (for 3-D data, of its x and y).</summary>
    PlaneRect Domain { get; }

    /// <summary>The class names, index by index (e.g. "0", "1").</summary>
    IReadOnlyList<string> ClassNames(DatasetSpec spec);

    /// <summary>Draws <c>spec.Points</c> points, all randomness from <paramref name="random"/>.</summary>
    LabeledPoints Generate(DatasetSpec spec, Random random);
}
