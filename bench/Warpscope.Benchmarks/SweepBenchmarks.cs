using BenchmarkDotNet.Attributes;
using Warpscope.Core.Datasets;
using Warpscope.Core.Sweeps;
using Warpscope.Core.Training;

namespace Warpscope.Benchmarks;

/// <summary>
/// Issue 17's sweep: spiral, 1000 points (500 train), 4 depths × 5 widths × 5 seeds of tanh layers,
/// Adam 0.01, batch 32, 400 epochs — 100 networks trained into a fresh folder, on 1 worker and on 2
/// (one network per core). Training only: the summaries (CSV, JSON, pictures) are timed by the
/// command in docs/sweeps.md.
/// </summary>
public class SweepBenchmarks
{
    private static readonly SweepPlan Plan = new(new DatasetSpec("spiral", 1000, 0.1, 0.5, 1), [1, 2, 3, 4], [2, 3, 4, 8, 16], 5, new TrainingConfig(Epochs: 400));
    private string _folder = "";

    [Params(1, 2)]
    public int Workers { get; set; }

    [IterationSetup]
    public void Fresh() => _folder = Directory.CreateTempSubdirectory("warpscope-sweep-bench-").FullName;

    [IterationCleanup]
    public void Remove() => Directory.Delete(_folder, recursive: true);

    [Benchmark]
    public int SpiralSweep() => new SweepRunner(Plan, new SweepFolder(_folder)).Run(SweepShard.Whole, Workers).Trained;
}
