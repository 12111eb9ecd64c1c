using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Core.Sessions;

/// <summary>
/// What the playground's controls and state URL say: the data (a built-in spec, or points edited by hand),
/// the hidden layers, their activations and input features, and how to train. It becomes a
/// <see cref="TrainingJob"/> for a <see cref="TrainingSession"/> (<see cref="Start"/>, <see cref="Job"/>);
/// one seed (<see cref="DatasetSpec.Seed"/>) draws the data, the initial weights and the minibatch order.
/// </summary>
public sealed record SessionSetup
{
    /// <summary>Epoch snapshots a playground session's timeline keeps before it thins itself (see <see cref="TrainingTimeline"/>).</summary>
    public const int TimelineCapacity = 400;

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

    /// <summary>The points: the edited ones, or the generator's.</summary>
    public Dataset MakeDataset()
    {
        var data = Custom is { } custom ? custom.ToDataset(Data) : DatasetFactory.Create(Data);
        // A 3-D network needs 3-D data and the reverse: z is the third input of points of space only.
        var threeD = Features.Contains(InputFeature.Z);
        if (data.Dimensions == 3 && !threeD)
            throw new UserInputException($"features: '{Data.Name}' is 3-D data, fed x, y and z; these features ({string.Join(",", Features.Select(f => f.ToName()))}) have no z") { Key = "features" };
        if (data.Dimensions == 2 && threeD)
            throw new UserInputException($"features: z is the third coordinate of 3-D data, and '{Data.Name}' is of the plane") { Key = "features" };
        return data;
    }

    /// <summary>
    /// The job this setup trains on <paramref name="data"/> (made from it): a classifier of at least two outputs, or
    /// for data with target values one linear output trained by mean squared error; and the data's seed for the
    /// initial weights and the minibatch order alike.
    /// </summary>
    public TrainingJob Job(Dataset data) =>
        new(Data, NetworkFor(data), Training with { Seed = Data.Seed }, Data.Seed);

    /// <summary>
    /// The network this setup trains on <paramref name="data"/>. A regression network on edited or uploaded points
    /// learns their targets standardised (<see cref="TargetScaling"/>): a CSV's prices of 250 000 ± 80 000 are learnt
    /// as 0 ± 1, as the command line learns a CSV's. A built-in dataset's targets already lie in [−1, 1], as in
    /// TensorFlow Playground, and are learnt as they are.
    /// </summary>
    public NetworkSpec NetworkFor(Dataset data)
    {
        if (data.Task == LearningTask.Classification) return new NetworkSpec(Hidden, Activations, Features, Math.Max(2, data.ClassCount));
        var target = Custom is not null && data.Train.Targets is { Length: > 0 } targets ? TargetScaling.Standardising(targets) : TargetScaling.Identity;
        return new NetworkSpec(Hidden, Activations, Features, 1, LearningTask.Regression) { Target = target };
    }

    /// <summary>A session on this setup, keeping a timeline of its epochs to scrub back through.</summary>
    public TrainingSession Start()
    {
        var data = MakeDataset();
        return new TrainingSession(Job(data), data, TimelineCapacity);
    }

    /// <summary>
    /// Moves <paramref name="session"/>, trained on this setup, to <paramref name="next"/>, keeping what it can: new
    /// points of the same classes drawn by hand (with the same seed) keep the weights, new optimizer settings keep
    /// the weights, a new dataset or network shape starts again from the seed. Returns whether the weights restarted.
    /// </summary>
    public bool MoveTo(SessionSetup next, TrainingSession session)
    {
        var dataChanged = next.DataDiffers(this);
        var data = dataChanged ? next.MakeDataset() : session.Dataset;
        var keepsWeights = !next.ShapeDiffers(this) && data.ClassCount == session.Network.ClassCount && next.NetworkFor(data).Equals(session.Network.Spec)
            && (!dataChanged || (next.Custom is not null && next.Data.Seed == Data.Seed));
        if (!keepsWeights)
        {
            session.Restart(next.Job(data), data);
            return true;
        }
        session.Continue(next.Job(data), data);
        return false;
    }

    /// <summary>Every point of the session's data, train then test, as custom data to edit.</summary>
    public CustomData Points(Dataset data) => Custom ?? CustomData.From(data);
}
