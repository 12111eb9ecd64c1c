using System.Diagnostics;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Training;

namespace Warpscope.Core.Sessions;

/// <summary>
/// A live, interactive training run: the data, the network and its trainer, a timeline of weights
/// to scrub back through, and the latest train/test figures. A changed setup keeps what it can: new
/// points of the same classes keep the weights, new optimizer settings keep the weights, a new
/// dataset or network shape starts again from the seed. Divergence stops training on the last finite
/// weights until <see cref="Reset"/>. Not thread-safe: one owner drives it.
/// </summary>
public sealed class TrainingSession
{
    /// <summary>Snapshots the timeline keeps before it thins itself (see <see cref="TrainingTimeline"/>).</summary>
    public const int TimelineCapacity = 400;

    private Trainer? _trainer;
    private ForwardPass _pass;
    private readonly Queue<double> _losses = new();

    public TrainingSession(SessionSetup setup)
    {
        Setup = setup;
        Dataset = BuildDataset(setup);
        Network = BuildNetwork();
        _pass = new ForwardPass(Network);
        Timeline = StartTimeline();
        Evaluate();
    }

    public SessionSetup Setup { get; private set; }
    public Dataset Dataset { get; private set; }
    public Network Network { get; private set; }
    public TrainingTimeline Timeline { get; private set; }

    /// <summary>Epochs trained since the weights were last drawn from the seed.</summary>
    public int Epoch { get; private set; }

    /// <summary>The mean training loss of each of the last (at most 50) epochs, oldest first.</summary>
    public IReadOnlyList<double> RecentLosses => [.. _losses];

    /// <summary>Why training stopped, when the loss became NaN or infinite; null while it is healthy.</summary>
    public string? Divergence { get; private set; }

    public Evaluation TrainFigures { get; private set; }
    public Evaluation TestFigures { get; private set; }

    /// <summary>Bumped whenever the weights, the data or the network change: views cache by it.</summary>
    public long Version { get; private set; }

    /// <summary>Moves to a new setup; returns whether the weights restarted.</summary>
    public bool Apply(SessionSetup next)
    {
        var previous = Setup;
        var dataChanged = next.DataDiffers(previous);
        var newDataset = dataChanged ? BuildDataset(next) : Dataset;
        Setup = next;
        Dataset = newDataset;
        var keepsWeights = !next.ShapeDiffers(previous) && newDataset.ClassCount == Network.ClassCount
            && (!dataChanged || (next.Custom is not null && next.Data.Seed == previous.Data.Seed));
        if (!keepsWeights)
        {
            Reset();
            return true;
        }
        if (dataChanged || next.Training != previous.Training)
        {
            _trainer = null;
            _losses.Clear(); // the advice on the loss's swings starts over with the new settings
        }
        Version++;
        Evaluate();
        return false;
    }

    /// <summary>New initial weights from the seed, epoch 0, an empty timeline, divergence cleared.</summary>
    public void Reset()
    {
        Network = BuildNetwork();
        _pass = new ForwardPass(Network);
        Restart();
    }

    /// <summary>
    /// Takes given weights (a model the user opened, of this session's shape) as the network's: epoch 0, the
    /// timeline starting from them, divergence cleared; training goes on from them.
    /// </summary>
    public void Adopt(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != Network.Parameters.Length)
            throw new ArgumentException($"{parameters.Length} parameters for a network of {Network.Parameters.Length}", nameof(parameters));
        parameters.CopyTo(Network.Parameters);
        Restart();
    }

    /// <summary>Training starts over from the network's present weights: epoch 0, a new timeline, no divergence.</summary>
    private void Restart()
    {
        _trainer = null;
        _losses.Clear();
        Epoch = 0;
        Divergence = null;
        Timeline = StartTimeline();
        Version++;
        Evaluate();
    }

    /// <summary>Trains whole epochs; returns false (and does nothing) when diverged or without training points.</summary>
    public bool TrainEpochs(int epochs) => TrainFor(epochs, TimeSpan.MaxValue);

    /// <summary>
    /// Trains minibatch steps until <paramref name="epochs"/> more epochs are complete or
    /// <paramref name="budget"/> has passed (one step at least): a live page's frame on a large network
    /// holds a core for about the budget, not for a whole epoch of many points (issue 13). An epoch cut
    /// short goes on at the next call, the same steps in the same order. Returns false (and does
    /// nothing) when diverged or without training points.
    /// </summary>
    public bool TrainFor(int epochs, TimeSpan budget)
    {
        if (Divergence is not null || Dataset.Train.Count == 0 || epochs <= 0) return false;
        _trainer ??= new Trainer(Network, Dataset.Train, Setup.Training with { Seed = Setup.Data.Seed });
        var started = Stopwatch.GetTimestamp();
        var target = Epoch + epochs;
        TrainingDivergedException? diverged = null;
        try
        {
            do
            {
                var epoch = _trainer.Epoch;
                _trainer.Step();
                if (_trainer.Epoch == epoch) continue;
                Epoch++;
                Timeline.Offer(Epoch, Epoch, _trainer.LastEpochLoss);
                _losses.Enqueue(_trainer.LastEpochLoss);
                if (_losses.Count > 50) _losses.Dequeue();
            } while (Epoch < target && (budget == TimeSpan.MaxValue || Stopwatch.GetElapsedTime(started) < budget));
        }
        catch (TrainingDivergedException e)
        {
            Divergence = e.Message;
            diverged = e;
        }
        Version++;
        Evaluate();
        // The loss the message quotes is the one the page shows: the kept weights' loss on the training points,
        // not the last finite minibatch's (issue 14).
        if (diverged is not null)
            Divergence = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"training diverged at epoch {diverged.Epoch + 1}, step {diverged.Step + 1} (the loss became NaN or infinite); kept the last finite weights, whose training loss is {TrainFigures.Loss:G4}. Try a smaller learning rate.");
        // Training saw only the training points: values that overflow on the held-out ones diverge too.
        if (Divergence is null && Dataset.Test.Count > 0 && !double.IsFinite(TestFigures.Loss))
            Divergence = $"training diverged at epoch {Epoch}: the network's values overflow on the test points";
        return Divergence is null;
    }

    /// <summary>The epoch of timeline snapshot <paramref name="index"/>, or the live one's for null (or an index past the timeline).</summary>
    public int EpochAt(int? index) =>
        index is { } i && i >= 0 && i < Timeline.Snapshots.Count ? Timeline.Snapshots[i].Epoch : Epoch;

    /// <summary>The network as it was at timeline snapshot <paramref name="index"/>, or the live one for null.</summary>
    public Network NetworkAt(int? index) =>
        index is { } i && i >= 0 && i < Timeline.Snapshots.Count ? Timeline.NetworkAt(i) : Network;

    /// <summary>Every point of the current data, train then test, as custom data to edit.</summary>
    public CustomData Points() => Setup.Custom ?? CustomData.From(Dataset);

    private Network BuildNetwork()
    {
        var spec = new NetworkSpec(Setup.Hidden, Setup.Activations, Setup.Features, Math.Max(2, Dataset.ClassCount));
        return Network.Create(spec, Setup.Data.Seed);
    }

    private TrainingTimeline StartTimeline()
    {
        var timeline = new TrainingTimeline(Network, every: 1, capacity: TimelineCapacity);
        timeline.Offer(0, 0, double.NaN);
        return timeline;
    }

    private void Evaluate()
    {
        TrainFigures = Dataset.Train.Count > 0 ? _pass.Evaluate(Dataset.Train) : Evaluation.Empty;
        TestFigures = Dataset.Test.Count > 0 ? _pass.Evaluate(Dataset.Test) : Evaluation.Empty;
    }

    private static Dataset BuildDataset(SessionSetup setup) =>
        setup.Custom is { } custom ? custom.ToDataset(setup.Data) : DatasetFactory.Create(setup.Data);
}
