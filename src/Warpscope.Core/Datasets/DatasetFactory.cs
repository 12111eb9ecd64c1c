using System.Globalization;
namespace Warpscope.Core.Datasets;

/// <summary>
/// Turns a <see cref="DatasetSpec"/> into a <see cref="Dataset"/>: a built-in generator by name, or
/// else a CSV file by path; then one seeded shuffle and a train/test split. The same spec gives the
/// same arrays, run after run.
/// </summary>
public static class DatasetFactory
{
    public const double MaxTestFraction = 0.9;

    // Offsets the shuffle's seed from the generator's, so the shuffle is not a replay of the draws
    // that placed the points (7919 is the 1000th prime; any constant would do).
    private const int ShuffleSeedOffset = 7919;

    /// <summary>
    /// Generates or loads the points, shuffles them and puts the first round(n·(1 − TestFraction))
    /// into Train, the rest into Test. For a CSV file, Points, Noise and Classes are ignored: the file
    /// decides them.
    /// </summary>
    public static Dataset Create(DatasetSpec spec)
    {
        if (!(spec.TestFraction >= 0 && spec.TestFraction <= MaxTestFraction))
            throw new UserInputException($"test fraction {spec.TestFraction} is out of range; need 0 to {MaxTestFraction}");

        LabeledPoints points;
        IReadOnlyList<string> classNames;
        PlaneRect domain;
        var axes = Dataset.PlainAxes;
        DataSource? source = null;
        CsvData? testFile = null;
        if (DatasetRegistry.TryGet(spec.Name, out var generator))
        {
            points = generator.Generate(spec, new Random(spec.Seed));
            classNames = generator.ClassNames(spec);
            domain = generator.Domain;
            if (generator.Dimensions == 3) axes = Dataset.SpaceAxes;
            if (spec.Task is { } task && task != points.Task)
                throw new UserInputException($"--task {task.ToString().ToLowerInvariant()}: '{spec.Name}' is a {points.Task.ToString().ToLowerInvariant()} dataset") { Key = "task" };
        }
        else if (spec.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || File.Exists(spec.Name))
        {
            var csv = CsvDataset.Read(spec.Name, spec.Columns, task: spec.Task);
            (points, classNames, domain, axes) = (csv.Points, csv.ClassNames, csv.Domain, csv.AxisNames);
            source = csv.Source;
            if (spec.TestData is { } testPath)
            {
                try
                {
                    // The training file decides the task; a regression test file's targets are any numbers.
                    testFile = csv.Points.Task == LearningTask.Regression
                        ? CsvDataset.Read(testPath, spec.Columns, task: LearningTask.Regression)
                        : CsvDataset.Read(testPath, spec.Columns, classNames, LearningTask.Classification);
                }
                catch (UserInputException e)
                {
                    throw new UserInputException($"--test-data: {e.Message}") { Key = "test-data" };
                }
                domain = CsvDataset.DomainOf(Concat(points, testFile.Points));
            }
        }
        else
        {
            throw new UserInputException(
                $"unknown dataset '{spec.Name}'; choose one of {string.Join(", ", DatasetRegistry.Names)}, or a .csv file");
        }

        if (generator is not null && spec.TestData is not null)
            throw new UserInputException($"--test-data: '{spec.Name}' is a built-in dataset; a test file goes with a CSV training file") { Key = "test-data" };
        if (generator is not null && !spec.Columns.IsDefault)
            throw new UserInputException($"--x/--y/--z/--label: '{spec.Name}' is a built-in dataset; columns are chosen in a CSV file") { Key = "x" };
        // A separate test file: the training file is all training points (shuffled the same way), the test file all test points, in its order.
        var (train, test) = testFile is null ? ShuffleAndSplit(points, spec) : (ShuffleAndSplit(points, spec with { TestFraction = 0 }).Train, testFile.Points);
        if (generator is null && points.Task == LearningTask.Classification) RequireTwoTrainingPointsPerClass(testFile is null ? spec : spec with { TestFraction = 0 }, train, classNames);
        return new Dataset(spec, train, test, classNames, domain) { AxisNames = axes, Source = source, TestSource = testFile?.Source };
    }

    /// <summary>
    /// A dataset of given points (drawn or edited by hand), shuffled and split by the spec's seed and
    /// test fraction like a built-in one. Any points at all keep at least one for training; none give
    /// an empty dataset.
    /// </summary>
    public static Dataset FromPoints(LabeledPoints points, IReadOnlyList<string> classNames, PlaneRect domain, DatasetSpec spec)
    {
        if (!(spec.TestFraction >= 0 && spec.TestFraction <= MaxTestFraction))
            throw new UserInputException($"test fraction {spec.TestFraction} is out of range; need 0 to {MaxTestFraction}");
        if (points.Labels.Any(l => l < 0 || l >= classNames.Count))
            throw new UserInputException($"a point's class is outside the {classNames.Count} classes");
        if (points.Count == 0) return new Dataset(spec, LabeledPoints.Empty, LabeledPoints.Empty, classNames, domain);
        var (train, test) = ShuffleAndSplit(points, spec, minimumTrain: 1);
        return new Dataset(spec, train, test, classNames, domain);
    }

    /// <summary>A class with fewer than 2 training points cannot be learnt: say which, and what to change.</summary>
    private static void RequireTwoTrainingPointsPerClass(DatasetSpec spec, LabeledPoints train, IReadOnlyList<string> classNames)
    {
        var counts = new int[classNames.Count];
        foreach (var label in train.Labels) counts[label]++;
        for (var c = 0; c < counts.Length; c++)
        {
            if (counts[c] >= 2) continue;
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"{spec.Name}: class '{classNames[c]}' has {counts[c]} training point{(counts[c] == 1 ? "" : "s")} after holding out {spec.TestFraction:P0} for testing; a class needs at least 2 (add points, or lower --test-fraction)"));
        }
    }

    private static LabeledPoints Concat(LabeledPoints a, LabeledPoints b) =>
        new([.. a.X, .. b.X], [.. a.Y, .. b.Y], [.. a.Labels, .. b.Labels], a.Targets is { } t && b.Targets is { } u ? [.. t, .. u] : null,
            a.Z is { } za && b.Z is { } zb ? [.. za, .. zb] : null);

    private static (LabeledPoints Train, LabeledPoints Test) ShuffleAndSplit(LabeledPoints points, DatasetSpec spec, int minimumTrain = 0)
    {
        var trainCount = Math.Max(minimumTrain, (int)Math.Round(points.Count * (1 - spec.TestFraction), MidpointRounding.AwayFromZero));
        if (trainCount == 0)
            throw new UserInputException($"test fraction {spec.TestFraction} leaves no training points out of {points.Count}");

        // Fisher–Yates: each of the n! orders equally likely, given uniform Next(i + 1).
        var order = Enumerable.Range(0, points.Count).ToArray();
        var random = new Random(unchecked(spec.Seed + ShuffleSeedOffset));
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return (points.Select(order.AsSpan(0, trainCount)), points.Select(order.AsSpan(trainCount)));
    }
}
