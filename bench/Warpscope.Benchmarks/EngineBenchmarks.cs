using BenchmarkDotNet.Attributes;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;
using Warpscope.Workloads;

namespace Warpscope.Benchmarks;

/// <summary>
/// WORKLOADS.md W1–W3 on nets A (2-8-8-2) and B (2-16-16-16-16-2), one thread.
/// W1: one full-batch step; W2: an epoch of 100 minibatch steps of 10 (samples/s = 1000 / time);
/// W3: class probabilities on a 256×256 grid over [−6, 6]² (also on two threads, <see cref="ParallelForwardPass"/>).
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private LabeledPoints _data = LabeledPoints.Empty;
    private Trainer _sgd = null!;
    private Trainer _adam = null!;
    private Trainer _minibatch = null!;
    private ForwardPass _pass = null!;
    private ParallelForwardPass _parallel = null!;
    private float[] _gridX = [];
    private float[] _gridY = [];
    private float[] _probabilities = [];

    [Params("A", "B")]
    public string Net { get; set; } = "A";

    [GlobalSetup]
    public void Setup()
    {
        _data = Workload.Spiral();
        _sgd = new Trainer(Workload.Net(Net), _data, new TrainingConfig(OptimizerKind.Sgd, 0.1, BatchSize: _data.Count, Shuffle: false));
        _adam = new Trainer(Workload.Net(Net), _data, new TrainingConfig(OptimizerKind.Adam, 0.01, BatchSize: _data.Count, Shuffle: false));
        _minibatch = new Trainer(Workload.Net(Net), _data, new TrainingConfig(OptimizerKind.Sgd, 0.1, BatchSize: 10, Shuffle: false));
        _pass = new ForwardPass(Workload.Net(Net));
        _parallel = new ParallelForwardPass(Workload.Net(Net), threads: 2);
        const int side = 256;
        _gridX = new float[side * side];
        _gridY = new float[side * side];
        for (var r = 0; r < side; r++)
        {
            for (var c = 0; c < side; c++)
            {
                _gridX[r * side + c] = -6f + 12f * c / (side - 1);
                _gridY[r * side + c] = 6f - 12f * r / (side - 1);
            }
        }
        _probabilities = new float[2 * side * side];
    }

    [GlobalCleanup]
    public void Cleanup() => _parallel.Dispose();

    [Benchmark(Description = "W1 full-batch SGD step")]
    public double W1Sgd() => _sgd.Step();

    [Benchmark(Description = "W1 full-batch Adam step")]
    public double W1Adam() => _adam.Step();

    [Benchmark(Description = "W2 epoch, 100 steps of 10")]
    public TrainingProgress W2Epoch() => _minibatch.RunEpoch();

    [Benchmark(Description = "W3 256² field")]
    public float W3Field()
    {
        _pass.Predict(_gridX, _gridY, _probabilities);
        return _probabilities[^1];
    }

    [Benchmark(Description = "W3 256² field, 2 threads")]
    public float W3FieldTwoThreads()
    {
        _parallel.Predict(_gridX, _gridY, _probabilities);
        return _probabilities[^1];
    }
}
