using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Core.Sessions;

/// <summary>
/// Everything that decides a live session: the data (a built-in spec, or points edited by hand),
/// the hidden layers, their activations and input features, and how to train. One seed
/// (<see cref="DatasetSpec.Seed"/>) draws the data, the initial weights and the minibatch order.
/// </summary>
public sealed record SessionSetup
{
    public DatasetSpec Data { get; init; } = new("spiral", Points: 1000, Noise: 0.1);

    /// <summary>Points drawn or edited by hand; when set they replace the generator's.</summary>
    public CustomData? Custom { get; init; }

    public IReadOnlyList<int> Hidden { get; init; } = [16, 16, 2];
    public IReadOnlyList<Activation> Activations { get; init; } = [Activation.Tanh, Activation.Tanh, Activation.Tanh];
    public IReadOnlyList<InputFeature> Features { get; init; } = NetworkSpec.PlainFeatures;
    public TrainingConfig Training { get; init; } = new(OptimizerKind.Adam, LearningRate: 0.01, BatchSize: 32);

    /// <summary>True when the network's layers, activations or features differ (weights cannot carry over).</summary>
    public bool ShapeDiffers(SessionSetup other) =>
        !Hidden.SequenceEqual(other.Hidden) || !Activations.SequenceEqual(other.Activations) || !Features.SequenceEqual(other.Features);

    /// <summary>True when the points differ.</summary>
    public bool DataDiffers(SessionSetup other) => Data != other.Data || !Equals(Custom, other.Custom);
}
