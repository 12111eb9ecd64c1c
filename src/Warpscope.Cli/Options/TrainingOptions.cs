using System.CommandLine;
using Warpscope.Core.Sessions;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Cli.Options;

/// <summary>--optimizer, --lr, --batch, --epochs, --steps, --l1, --l2, --momentum, --no-shuffle, --seed.</summary>
internal sealed class TrainingOptions
{
    public Option<string> Optimizer { get; } = new("--optimizer")
    {
        Description = $"Optimizer ({string.Join(", ", OptimizerFactory.Names)})",
        DefaultValueFactory = _ => "adam",
    };

    public Option<double> LearningRate { get; } = new Option<double>("--lr", "--learning-rate")
    {
        Description = "Learning rate",
        DefaultValueFactory = _ => 0.01,
    }.Positive();

    public Option<int> Batch { get; } = new Option<int>("--batch")
    {
        Description = "Minibatch size (capped at the training set: a large value means full batch)",
        DefaultValueFactory = _ => 32,
    }.Within(1, 1_000_000);

    public Option<int> Epochs { get; } = new Option<int>("--epochs")
    {
        Description = "Passes over the training set",
        DefaultValueFactory = _ => 400,
    }.Within(0, 10_000_000);

    public Option<long?> Steps { get; } = new Option<long?>("--steps")
    {
        Description = "Train for this many minibatch steps instead of --epochs",
    }.Within(0, 1_000_000_000);

    public Option<double> L1 { get; } = new Option<double>("--l1") { Description = "L1 penalty on weights: L1·Σ|w|" }.Within(0, 1e6);

    public Option<double> L2 { get; } = new Option<double>("--l2") { Description = "L2 penalty on weights: (L2/2)·Σw²" }.Within(0, 1e6);

    public Option<double> MaxNorm { get; } = new Option<double>("--max-norm")
    {
        Description = "Cap on the length of each hidden unit's incoming weights, applied after every step (0 = off): keeps tanh layers out of their flat ends",
    }.Within(0, 1e6);

    public Option<double> Momentum { get; } = new Option<double>("--momentum")
    {
        Description = "Momentum of the momentum optimizer",
        DefaultValueFactory = _ => 0.9,
    }.Within(0, 0.999999);

    public Option<bool> NoShuffle { get; } = new("--no-shuffle") { Description = "Visit the points in data order every epoch" };

    public Option<int> Seed { get; } = new("--seed")
    {
        Description = "Seed of the data, the initial weights and the minibatch order",
        DefaultValueFactory = _ => 1,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Optimizer);
        command.Options.Add(LearningRate);
        command.Options.Add(Batch);
        command.Options.Add(Epochs);
        command.Options.Add(Steps);
        command.Options.Add(L1);
        command.Options.Add(L2);
        command.Options.Add(MaxNorm);
        command.Options.Add(Momentum);
        command.Options.Add(NoShuffle);
        command.Options.Add(Seed);
    }

    public TrainingConfig ToConfig(ParseResult parse) => new(
        SetupVocabulary.Optimizer(parse.GetRequiredValue(Optimizer), "--optimizer"),
        parse.GetValue(LearningRate),
        parse.GetValue(Batch),
        parse.GetValue(Epochs),
        parse.GetValue(Steps),
        parse.GetValue(L1),
        parse.GetValue(L2),
        parse.GetValue(Momentum),
        !parse.GetValue(NoShuffle),
        parse.GetValue(Seed),
        parse.GetValue(MaxNorm));
}
