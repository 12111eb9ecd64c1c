using System.Diagnostics;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;

namespace Warpscope.Core.Training;

/// <summary>
/// One training run from a <see cref="TrainingJob"/>: builds the dataset and the network (random
/// or from given weights), trains, measures, and hands back a <see cref="TrainedModel"/>. The CLI's
/// <c>train</c>, the tour and the web app all train through this.
/// </summary>
public sealed class TrainingRun
{
    private readonly Stopwatch _clock = new();

    /// <summary>A run on the dataset its job's spec describes.</summary>
    public TrainingRun(TrainingJob job)
        : this(job, DatasetFactory.Create(job.Dataset))
    {
    }

    /// <summary>A run on a dataset already made from the job's spec.</summary>
    public TrainingRun(TrainingJob job, Dataset dataset)
    {
        Job = job;
        Dataset = dataset;
        if (Dataset.ClassCount != job.Network.Classes)
            throw new UserInputException($"the data has {Dataset.ClassCount} classes but the network has {job.Network.Classes} outputs");
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
        Trainer = new Trainer(Network, Dataset.Train, job.Training);
        Evaluator = new ForwardPass(Network);
    }

    public TrainingJob Job { get; }
    public Dataset Dataset { get; }
    public Network Network { get; }
    public Trainer Trainer { get; }
    public ForwardPass Evaluator { get; }

    /// <summary>Wall-clock seconds spent in <see cref="Run"/>.</summary>
    public double Seconds => _clock.Elapsed.TotalSeconds;

    /// <summary>Epochs (or steps, when the job counts steps) this run will take.</summary>
    public long Total => Job.Training.Steps ?? Job.Training.Epochs;

    /// <summary>How far the run is, in the unit of <see cref="Total"/>.</summary>
    public long Done => Job.Training.Steps is null ? Trainer.Epoch : Trainer.Steps;

    /// <summary>Trains to the end; <see cref="TrainingDivergedException"/> leaves the last finite weights in place.</summary>
    public void Run(Action<TrainingProgress>? onEpoch = null, CancellationToken cancel = default)
    {
        _clock.Start();
        try
        {
            Trainer.Run(onEpoch, cancel);
        }
        finally
        {
            _clock.Stop();
        }
    }

    public Evaluation EvaluateTrain() => Evaluator.Evaluate(Dataset.Train);

    public Evaluation EvaluateTest() => Evaluator.Evaluate(Dataset.Test);

    /// <summary>The network as it stands, with its provenance and the figures it reaches now.</summary>
    public TrainedModel ToModel()
    {
        var train = EvaluateTrain();
        var test = EvaluateTest();
        return new TrainedModel(Network, Dataset.ClassNames, Job.Dataset, Job.Training, Job.Seed, Job.Initialization,
            ModelMetrics.Of(train, test, Trainer.Epoch, Trainer.Steps, Network.Spec.IsRegression))
        {
            Data = Dataset.Source is { } source ? ModelData.Of(Dataset, source) : null,
        };
    }
}
