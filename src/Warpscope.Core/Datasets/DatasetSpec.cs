namespace Warpscope.Core.Datasets;

/// <summary>
/// Everything that decides a dataset: a built-in generator's name (or a CSV path), how many points,
/// the noise, the share held out for testing, the seed and, for the spiral, the number of classes.
/// The same spec always gives the same points. For a CSV file, which columns hold x, y and the label,
/// and optionally a second file of held-out test points, which then replaces the test fraction.
/// </summary>
public sealed record DatasetSpec(
    string Name = "spiral",
    int Points = 500,
    double Noise = 0.0,
    double TestFraction = 0.5,
    int Seed = 1,
    int Classes = 2)
{
    public CsvColumns Columns { get; init; } = CsvColumns.Default;

    /// <summary>A CSV file of test points (the same columns as the training file), read whole instead of holding out <see cref="TestFraction"/>.</summary>
    public string? TestData { get; init; }

    /// <summary>
    /// Classification or regression, when the user says so (<c>--task</c>); null lets the data decide: a
    /// built-in dataset is what its recipe is, a CSV label column of numbers with more than
    /// <see cref="CsvDataset.MaxClasses"/> distinct values is a regression target.
    /// </summary>
    public LearningTask? Task { get; init; }

    /// <summary>Whether test points are held out: a share of the data, or a file of their own.</summary>
    public bool HoldsOutTest => TestData is not null || TestFraction > 0;
}
