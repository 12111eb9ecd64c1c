using System.Globalization;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Training;

namespace Warpscope.Core.Sweeps;

/// <summary>
/// A capacity sweep: every network of <see cref="Depths"/> hidden layers of <see cref="Widths"/> units
/// (one activation throughout), trained <see cref="Seeds"/> times on the same data. Run s (from 0)
/// draws its initial weights and minibatch order from seed <c>Training.Seed + s</c>; the data comes
/// from <see cref="Data"/>'s own seed, so every run sees the same points.
/// </summary>
public sealed record SweepPlan
{
    public const int MaxSeeds = 1000;

    /// <summary>What every run shares, in one line (the pictures' subtitle): points, noise, activation, optimizer, rate, epochs.</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"{Data.Points} points, noise {Data.Noise}; {Activation.ToString().ToLowerInvariant()} layers; {Training.Optimizer.ToString().ToLowerInvariant()} lr {Training.LearningRate}, {Training.Epochs} epochs");

    public SweepPlan(DatasetSpec data, IReadOnlyList<int> depths, IReadOnlyList<int> widths, int seeds, TrainingConfig training, Activation activation = Activation.Tanh)
    {
        if (depths.Count == 0) throw new UserInputException("depths: give at least one depth");
        if (widths.Count == 0) throw new UserInputException("widths: give at least one width");
        if (depths.Any(d => d < 1 || d > NetworkSpec.MaxLayers)) throw new UserInputException($"depths: each depth must be 1 to {NetworkSpec.MaxLayers}");
        if (widths.Any(w => w < 1 || w > NetworkSpec.MaxUnits)) throw new UserInputException($"widths: each width must be 1 to {NetworkSpec.MaxUnits}");
        if (seeds is < 1 or > MaxSeeds) throw new UserInputException($"seeds: {seeds} (1 to {MaxSeeds})");
        Data = data;
        Depths = [.. depths.Distinct().Order()];
        Widths = [.. widths.Distinct().Order()];
        Seeds = seeds;
        Training = training.Validated();
        Activation = activation;
    }

    public DatasetSpec Data { get; }
    public IReadOnlyList<int> Depths { get; }
    public IReadOnlyList<int> Widths { get; }
    public int Seeds { get; }
    public TrainingConfig Training { get; }
    public Activation Activation { get; }

    /// <summary>Every run, depth-major, then width, then seed: the order shards are dealt from.</summary>
    public IReadOnlyList<SweepRun> Runs =>
        [.. from d in Depths from w in Widths from s in Enumerable.Range(0, Seeds) select new SweepRun(d, w, Training.Seed + s)];

    /// <summary>
    /// A run's network for data of <paramref name="classes"/> classes, or for a regression (one output), fed
    /// the points' coordinates: (x, y), or (x, y, z) for data of <paramref name="dimensions"/> 3.
    /// </summary>
    public NetworkSpec Network(SweepRun run, int classes, LearningTask task = LearningTask.Classification, int dimensions = 2) =>
        new([.. Enumerable.Repeat(run.Width, run.Depth)], [.. Enumerable.Repeat(Activation, run.Depth)],
            dimensions == 3 ? NetworkSpec.SpaceFeatures : NetworkSpec.PlainFeatures, classes, task);

    public TrainingJob Job(SweepRun run, Dataset data) =>
        new(Data, Network(run, data.ClassCount, data.Task, data.Dimensions), Training with { Seed = run.Seed }, run.Seed);

    public bool Equals(SweepPlan? other) =>
        other is not null && Data == other.Data && Depths.SequenceEqual(other.Depths) && Widths.SequenceEqual(other.Widths)
        && Seeds == other.Seeds && Training == other.Training && Activation == other.Activation;

    public override int GetHashCode() => HashCode.Combine(Data, Depths.Count, Widths.Count, Seeds, Training, Activation);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Data.Name}: depths {string.Join(',', Depths)} × widths {string.Join(',', Widths)} × {Seeds} seeds ({Depths.Count * Widths.Count * Seeds} runs, {Activation.ToName()})");
}
