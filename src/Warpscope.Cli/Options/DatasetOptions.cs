using System.CommandLine;
using Warpscope.Core.Datasets;

namespace Warpscope.Cli.Options;

/// <summary>--data, --points, --noise, --test-fraction, --classes, shared by every verb that makes data.</summary>
internal sealed class DatasetOptions
{
    public Option<string> Data { get; } = new("--data")
    {
        Description = "A built-in dataset (circle, xor, gauss, spiral, curves, rings, moons) or a CSV file of x,y,label",
        DefaultValueFactory = _ => "spiral",
    };

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
        command.Options.Add(Points);
        command.Options.Add(Noise);
        command.Options.Add(TestFraction);
        command.Options.Add(Classes);
    }

    public DatasetSpec ToSpec(ParseResult parse, int seed) => new(
        parse.GetRequiredValue(Data),
        parse.GetValue(Points),
        parse.GetValue(Noise),
        parse.GetValue(TestFraction),
        seed,
        parse.GetValue(Classes));
}
