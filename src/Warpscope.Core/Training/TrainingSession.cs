using System.Diagnostics;
using System.Globalization;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;

namespace Warpscope.Core.Training;

/// <summary>
/// The one way Warpscope trains: a <see cref="TrainingJob"/> on its <see cref="Dataset"/>, with the network (from
/// the job's seed, or its starting model), the trainer, the latest train/test figures and a
/// <see cref="Timeline"/> of weights to look back through. <see cref="Step"/> takes one minibatch step;
/// <see cref="Run"/> trains to the end of the job (the command line, the tour, sweeps); <see cref="TrainFor"/>
/// trains a slice at a time under a user's hands (the web app), where <see cref="Continue"/>,
/// <see cref="Restart"/>, <see cref="Reset"/> and <see cref="Adopt"/> follow the user's changes. Divergence
/// leaves the last finite weights in place and stops <see cref="TrainFor"/> until the weights start over. Not
/// thread-safe: one owner drives it.
/// </summary>
public sealed class TrainingSession
{
    private readonly Stopwatch _clock = new();
    private readonly Queue<double> _losses = new();
    private readonly int _timelineCapacity;
    private Trainer? _trainer;
    private ForwardPass _pass;

    /// <summary>A session on the dataset its job's spec describes.</summary>
    public TrainingSession(TrainingJob job)
        : this(job, DatasetFactory.Create(job.Dataset))
    {
    }

    /// <summary>
    /// A session on a dataset already made (from the job's spec, or points a user edited). The timeline keeps the
    /// weights at the start and, when <paramref name="timelineCapacity"/> is above 0, after every epoch, thinned
    /// evenly to about that many (see <see cref="TrainingTimeline"/>): a session trained to the end keeps none,
    /// since a large network's snapshots would cost more memory than they are worth there.
    /// </summary>
    public TrainingSession(TrainingJob job, Dataset dataset, int timelineCapacity = 0)
    {
        CheckClasses(job, dataset);
        Job = job;
        Dataset = dataset;
        _timelineCapacity = timelineCapacity;
        if (job.StartFrom is { } start)
        {
            if (!start.Network.Spec.Equals(job.Network))
                throw new UserInputException($"the initial model is {start.Network.Spec}, not {job.Network}");
            Network = start.Network.Clone();
        }
        else
        {
            Network = Network.Create(job.Network, job.Seed, job.Initialization);
        }
        // Made now where there are points to train on, so a bad job fails before anything else is done.
        if (dataset.Train.Count > 0) _trainer = new Trainer(Network, dataset.Train, job.Training);
        _pass = new ForwardPass(Network);
        Timeline = StartTimeline();
        Evaluate();
    }

    public TrainingJob Job { get; private set; }
    public Dataset Dataset { get; private set; }
    public Network Network { get; private set; }

    /// <summary>The weights at epoch 0 and, when the session keeps a timeline, after each epoch since.</summary>
    public TrainingTimeline Timeline { get; private set; }

    /// <summary>
    /// The trainer of the present data, settings and weights (made again on first use after a change; without
    /// training points, asking for it throws).
    /// </summary>
    public Trainer Trainer => _trainer ??= new Trainer(Network, Dataset.Train, Job.Training);

    /// <summary>Epochs trained since the weights were last drawn from the seed (or adopted).</summary>
    public int Epoch { get; private set; }

    /// <summary>Minibatch steps taken since the weights were last drawn from the seed (or adopted).</summary>
    public long Steps { get; private set; }

    /// <summary>Epochs (or steps, when the job counts steps) the job trains for: the end <see cref="Run"/> stops at.</summary>
    public long Total => Job.Training.Steps ?? Job.Training.Epochs;

    /// <summary>How far training is, in the unit of <see cref="Total"/>.</summary>
    public long Done => Job.Training.Steps is null ? Epoch : Steps;

    /// <summary>Wall-clock seconds spent in <see cref="Run"/>.</summary>
    public double Seconds => _clock.Elapsed.TotalSeconds;

    /// <summary>The mean training loss of each of the last (at most 50) epochs, oldest first.</summary>
    public IReadOnlyList<double> RecentLosses => [.. _losses];

    /// <summary>Why training stopped, when the loss became NaN or infinite; null while it is healthy.</summary>
    public string? Divergence { get; private set; }

    /// <summary>The figures on the training points as last measured (<see cref="Evaluate"/>).</summary>
    public Evaluation TrainFigures { get; private set; }

    /// <summary>The figures on the test points as last measured (<see cref="Evaluate"/>).</summary>
    public Evaluation TestFigures { get; private set; }

    /// <summary>Bumped whenever the weights, the data or the network change: views cache by it.</summary>
    public long Version { get; private set; }

    /// <summary>
    /// One minibatch step; returns the batch's mean loss before the update. An epoch it completes goes on the
    /// timeline and into <see cref="RecentLosses"/>. A step whose loss or gradient is not finite leaves the last
    /// finite weights, measures them, says why in <see cref="Divergence"/>, and throws the
    /// <see cref="TrainingDivergedException"/>.
    /// </summary>
    public double Step()
    {
        var trainer = Trainer;
        var epoch = trainer.Epoch;
        double loss;
        try
        {
            loss = trainer.Step();
        }
        catch (TrainingDivergedException e)
        {
            Diverged(e);
            throw;
        }
        Counted(trainer, epoch);
        return loss;
    }

    /// <summary>
    /// Trains to the end of the job: <see cref="TrainingConfig.Steps"/> steps if set, else
    /// <see cref="TrainingConfig.Epochs"/> epochs (counted by the present trainer), calling back after each epoch,
    /// then measures the figures. Stops early when <paramref name="cancel"/> is signalled;
    /// <paramref name="afterStep"/> sees each step's loss. Divergence throws as <see cref="Step"/> does.
    /// </summary>
    public void Run(Action<TrainingProgress>? onEpoch = null, CancellationToken cancel = default, Action<double>? afterStep = null)
    {
        var trainer = Trainer;
        _clock.Start();
        try
        {
            var epoch = trainer.Epoch;
            trainer.Run(onEpoch, cancel, loss =>
            {
                Counted(trainer, epoch);
                epoch = trainer.Epoch;
                afterStep?.Invoke(loss);
            });
        }
        catch (TrainingDivergedException e)
        {
            Diverged(e);
            throw;
        }
        finally
        {
            _clock.Stop();
        }
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
        var started = Stopwatch.GetTimestamp();
        var target = Epoch + epochs;
        try
        {
            do Step();
            while (Epoch < target && (budget == TimeSpan.MaxValue || Stopwatch.GetElapsedTime(started) < budget));
        }
        catch (TrainingDivergedException)
        {
            return false; // Step said why, with the kept weights' figures
        }
        Version++;
        Evaluate();
        // Training saw only the training points: values that overflow on the held-out ones diverge too.
        if (Dataset.Test.Count > 0 && !double.IsFinite(TestFigures.Loss))
            Divergence = $"training diverged at epoch {Epoch}: the network's values overflow on the test points";
        return Divergence is null;
    }

    /// <summary>
    /// Trains on from the present weights under another job of the same network (new points, new settings):
    /// a new trainer, the epoch count and the timeline going on. A change of data or settings also starts the
    /// record of recent losses over.
    /// </summary>
    public void Continue(TrainingJob next, Dataset dataset)
    {
        if (!next.Network.Equals(Network.Spec))
            throw new ArgumentException($"the network is {Network.Spec}, not {next.Network}: restart instead", nameof(next));
        CheckClasses(next, dataset);
        var changed = !ReferenceEquals(dataset, Dataset) || next.Training != Job.Training;
        Job = next;
        Dataset = dataset;
        if (changed)
        {
            _trainer = null;
            _losses.Clear(); // the advice on the loss's swings starts over with the new settings
        }
        Version++;
        Evaluate();
    }

    /// <summary>Starts over under another job: its data, new initial weights from its seed (see <see cref="Reset"/>).</summary>
    public void Restart(TrainingJob next, Dataset dataset)
    {
        CheckClasses(next, dataset);
        Job = next;
        Dataset = dataset;
        Reset();
    }

    /// <summary>New initial weights from the job's seed, epoch 0, an empty timeline, divergence cleared.</summary>
    public void Reset()
    {
        Network = Network.Create(Job.Network, Job.Seed, Job.Initialization);
        _pass = new ForwardPass(Network);
        StartOver();
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
        StartOver();
    }

    /// <summary>Measures the network as it stands on the training and test points: <see cref="TrainFigures"/>, <see cref="TestFigures"/>.</summary>
    public void Evaluate()
    {
        TrainFigures = _pass.Evaluate(Dataset.Train);
        TestFigures = _pass.Evaluate(Dataset.Test);
    }

    /// <summary>The epoch of timeline snapshot <paramref name="index"/>, or the live one's for null (or an index past the timeline).</summary>
    public int EpochAt(int? index) =>
        index is { } i && i >= 0 && i < Timeline.Snapshots.Count ? Timeline.Snapshots[i].Epoch : Epoch;

    /// <summary>The network as it was at timeline snapshot <paramref name="index"/>, or the live one for null.</summary>
    public Network NetworkAt(int? index) =>
        index is { } i && i >= 0 && i < Timeline.Snapshots.Count ? Timeline.NetworkAt(i) : Network;

    /// <summary>The network as it stands, with its provenance and the figures it reaches now.</summary>
    public TrainedModel ToModel()
    {
        Evaluate();
        return new TrainedModel(Network, Dataset.ClassNames, Job.Dataset, Job.Training, Job.Seed, Job.Initialization,
            ModelMetrics.Of(TrainFigures, TestFigures, Epoch, Steps, Network.Spec.IsRegression))
        {
            Data = Dataset.Source is { } source ? ModelData.Of(Dataset, source) : null,
        };
    }

    /// <summary>Training starts over from the network's present weights: epoch 0, a new timeline, no divergence.</summary>
    private void StartOver()
    {
        _trainer = null;
        _losses.Clear();
        Epoch = 0;
        Steps = 0;
        Divergence = null;
        Timeline = StartTimeline();
        Version++;
        Evaluate();
    }

    /// <summary>Counts a step the trainer took; an epoch it completed (the trainer was at <paramref name="epoch"/>) is recorded.</summary>
    private void Counted(Trainer trainer, int epoch)
    {
        Steps++;
        if (trainer.Epoch == epoch) return;
        Epoch++;
        if (_timelineCapacity > 0) Timeline.Offer(Epoch, Epoch, trainer.LastEpochLoss);
        _losses.Enqueue(trainer.LastEpochLoss);
        if (_losses.Count > 50) _losses.Dequeue();
    }

    /// <summary>
    /// Measures the last finite weights the trainer kept and says why training stopped, quoting the loss the page
    /// shows: the kept weights' loss on the training points, not the last finite minibatch's (issue 14).
    /// </summary>
    private void Diverged(TrainingDivergedException e)
    {
        Version++;
        Evaluate();
        Divergence = string.Create(CultureInfo.InvariantCulture,
            $"training diverged at epoch {e.Epoch + 1}, step {e.Step + 1} (the loss became NaN or infinite); kept the last finite weights, whose training loss is {TrainFigures.Loss:G4}. Try a smaller learning rate.");
    }

    private TrainingTimeline StartTimeline()
    {
        var timeline = new TrainingTimeline(Network, every: 1, capacity: Math.Max(1, _timelineCapacity));
        timeline.Offer(0, 0, double.NaN);
        return timeline;
    }

    /// <summary>
    /// The network has an output per class of the data; data of fewer than two classes (points a user is still
    /// drawing) trains a network of two.
    /// </summary>
    private static void CheckClasses(TrainingJob job, Dataset dataset)
    {
        if (dataset.ClassCount != job.Network.Classes && !(dataset.ClassCount < 2 && job.Network.Classes == 2))
            throw new UserInputException($"the data has {dataset.ClassCount} classes but the network has {job.Network.Classes} outputs");
    }
}
