using System.CommandLine;
using Warpscope.Core;
using Warpscope.Core.Datasets;

namespace Warpscope.Cli.Options;

/// <summary>--data, --x, --y, --label, --task, --test-data, --points, --noise, --test-fraction, --classes, shared by every verb that makes data.</summary>
internal sealed class DatasetOptions
{
    public Option<string> Data { get; } = new("--data")
    {
        Description = "A built-in dataset (circle, xor, gauss, spiral, curves, rings, moons; regression: plane, multigauss) or a CSV file (x, y and label: the first two columns and the last, or --x, --y, --label)",
        DefaultValueFactory = _ => "spiral",
    };

    public Option<string?> X { get; } = new("--x") { Description = "CSV data: the column of x, a header name or a 0-based index (default: the first)" };

    public Option<string?> Y { get; } = new("--y") { Description = "CSV data: the column of y, a header name or a 0-based index (default: the second)" };

    public Option<string?> Z { get; } = new("--z") { Description = "CSV data: the column of z, a header name or a 0-based index, which makes the data 3-D (default: none, points of the plane)" };

    public Option<string?> Label { get; } = new("--label") { Description = "CSV data: the column of the label, a header name or a 0-based index (default: the last)" };

    public Option<string?> Task { get; } = new("--task")
    {
        Description = "classification or regression (default: a CSV label column of numbers with more than 8 distinct values is a regression target; a built-in dataset is what it is)",
    };

    public Option<string?> TestData { get; } = new("--test-data") { Description = "CSV data: a file of held-out test points (the same columns), instead of --test-fraction" };

    public Option<int> Points { get; } = new Option<int>("--points")
    {
        Description = "How many points a built-in dataset draws",
        DefaultValueFactory = _ => 1000,
    }.Within(2, 100_000);

    public Option<double> Noise { get; } = new Option<double>("--noise")
    {
        Description = "Noise of a built-in dataset (0 to 1; the Playground's slider / 100)",
        DefaultValueFactory = _ => 0.1,
    }.Within(0, 1);

    public Option<double> TestFraction { get; } = new Option<double>("--test-fraction")
    {
        Description = "Share of the points held out for testing",
        DefaultValueFactory = _ => 0.5,
    }.Within(0, 0.9);

    public Option<int> Classes { get; } = new Option<int>("--classes")
    {
        Description = "Number of classes of the spiral (2 to 8)",
        DefaultValueFactory = _ => 2,
    }.Within(2, 8);

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(X);
        command.Options.Add(Y);
        command.Options.Add(Z);
        command.Options.Add(Label);
        command.Options.Add(Task);
        command.Options.Add(TestData);
        command.Options.Add(Points);
        command.Options.Add(Noise);
        command.Options.Add(TestFraction);
        command.Options.Add(Classes);
    }

    private static LearningTask? ParseTask(string? text) =>
        text is null ? null
        : Enum.TryParse<LearningTask>(text, ignoreCase: true, out var task) && Enum.IsDefined(task) && !char.IsDigit(text[0]) ? task
        : throw new UserInputException($"--task: unknown task '{text}' (choose classification, regression)") { Key = "task" };

    public DatasetSpec ToSpec(ParseResult parse, int seed)
    {
        var testData = parse.GetValue(TestData);
        if (testData is not null && parse.GetResult(TestFraction) is { Implicit: false })
            throw new UserInputException("--test-data and --test-fraction: choose one (a test file, or a share of the data held out)") { Key = "test-data" };
        return new DatasetSpec(
            parse.GetRequiredValue(Data),
            parse.GetValue(Points),
            parse.GetValue(Noise),
            testData is null ? parse.GetValue(TestFraction) : 0,
            seed,
            parse.GetValue(Classes))
        {
            Columns = new CsvColumns(parse.GetValue(X), parse.GetValue(Y), parse.GetValue(Label)) { Z = parse.GetValue(Z) },
            Task = ParseTask(parse.GetValue(Task)),
            TestData = testData,
        };
    }
}
