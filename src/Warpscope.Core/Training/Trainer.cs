using System.Numerics.Tensors;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Core.Training;

/// <summary>
/// Minibatch training of a network on a set of points: each epoch visits every point once, in a
/// seeded shuffled order (or in data order), the last batch of an epoch taking what is left.
/// A step whose loss or gradient is not finite puts back the last weights with a finite loss and
/// gradient and throws <see cref="TrainingDivergedException"/> (a hidden value that overflowed can
/// leave the loss finite, e.g. behind a ReLU at −∞, but never the gradient). Nothing is allocated
/// per step.
/// </summary>
public sealed class Trainer
{
    private readonly LossGradient _loss;
    private readonly IOptimizer _optimizer;
    private readonly float[] _gradient;
    private readonly float[] _lastFinite;
    private readonly int[] _order;
    private readonly Random _shuffle;
    private readonly int _batch;
    private int _cursor;
    private double _epochLoss;
    private double _lastFiniteLoss = double.NaN;

    public Trainer(Network network, LabeledPoints train, TrainingConfig config)
    {
        if (train.Count == 0) throw new UserInputException("the training set is empty");
        if (train.Labels.Any(l => l < 0 || l >= network.ClassCount))
            throw new UserInputException($"a label is outside the network's {network.ClassCount} classes");
        if (train.Task != network.Spec.Task)
            throw new UserInputException($"a {network.Spec.Task.ToString().ToLowerInvariant()} network cannot train on {train.Task.ToString().ToLowerInvariant()} data");
        Network = network;
        Train = train;
        Config = config.Validated();
        _loss = new LossGradient(network);
        _optimizer = OptimizerFactory.Create(config, network.ParameterCount);
        _gradient = new float[network.ParameterCount];
        _lastFinite = new float[network.ParameterCount];
        _order = [.. Enumerable.Range(0, train.Count)];
        // Minibatch order has its own stream so it does not shift with the initialisation's draws.
        _shuffle = new Random(unchecked(config.Seed * 7919 + 104729));
        _batch = Math.Min(config.BatchSize, train.Count);
        if (config.Shuffle) _shuffle.Shuffle(_order);
    }

    public Network Network { get; }
    public LabeledPoints Train { get; }
    public TrainingConfig Config { get; }

    /// <summary>Completed epochs.</summary>
    public int Epoch { get; private set; }

    /// <summary>Minibatch steps taken.</summary>
    public long Steps { get; private set; }

    /// <summary>Steps per epoch: ⌈N / batch⌉.</summary>
    public int StepsPerEpoch => (Train.Count + _batch - 1) / _batch;

    /// <summary>One minibatch step; returns the batch's mean cross-entropy (regression: squared error in standardised units) before the update.</summary>
    public double Step()
    {
        var count = Math.Min(_batch, Train.Count - _cursor);
        var loss = Config.Shuffle
            ? _loss.Compute(Train, _order.AsSpan(_cursor, count), _gradient, Config.L1, Config.L2)
            : _loss.Compute(Train, _cursor, count, _gradient, Config.L1, Config.L2);
        if (!double.IsFinite(loss) || !float.IsFinite(TensorPrimitives.Sum(_gradient)))
        {
            if (Steps > 0) _lastFinite.CopyTo(Network.Parameters, 0);
            throw new TrainingDivergedException(Epoch, Steps, _lastFiniteLoss);
        }
        Network.Parameters.CopyTo(_lastFinite, 0);
        _lastFiniteLoss = loss;
        _optimizer.Step(Network.Parameters, _gradient);
        if (Config.MaxNorm > 0) CapHiddenNorms(Network, (float)Config.MaxNorm);

        Steps++;
        _epochLoss += loss * count;
        _cursor += count;
        if (_cursor == Train.Count)
        {
            _cursor = 0;
            Epoch++;
            LastEpochLoss = _epochLoss / Train.Count;
            _epochLoss = 0;
            if (Config.Shuffle) _shuffle.Shuffle(_order);
        }
        return loss;
    }

    /// <summary>The mean cross-entropy over the points of the last completed epoch (NaN before the first).</summary>
    public double LastEpochLoss { get; private set; } = double.NaN;

    /// <summary>Scales each hidden unit's incoming weights (a row of its layer's matrix) down to length <paramref name="cap"/> where longer.</summary>
    internal static void CapHiddenNorms(Network network, float cap)
    {
        for (var layer = 0; layer < network.Layers.Count - 1; layer++)
        {
            var inputs = network.Layers[layer].Inputs;
            var weights = network.Weights(layer);
            for (var row = 0; row < weights.Length; row += inputs)
            {
                var w = weights.Slice(row, inputs);
                var norm = TensorPrimitives.Norm(w);
                if (norm > cap) TensorPrimitives.Multiply(w, cap / norm, w);
            }
        }
    }

    /// <summary>Steps to the end of the current epoch; returns the epoch's mean loss over its points.</summary>
    public TrainingProgress RunEpoch() => RunEpoch(null, default);

    private TrainingProgress RunEpoch(Action<double>? afterStep, CancellationToken cancel)
    {
        var epoch = Epoch;
        while (Epoch == epoch && !cancel.IsCancellationRequested)
        {
            var loss = Step();
            afterStep?.Invoke(loss);
        }
        // A whole epoch's mean; stopped inside one, the mean over the points it saw so far.
        return new TrainingProgress(Epoch, Steps, Epoch != epoch ? LastEpochLoss : _epochLoss / Train.Count);
    }

    /// <summary>
    /// Trains for the configured length: <see cref="TrainingConfig.Steps"/> steps if set, else
    /// <see cref="TrainingConfig.Epochs"/> epochs, calling back after each epoch (and at the end).
    /// Stops early when <paramref name="cancel"/> is signalled; <paramref name="afterStep"/> sees each step's loss.
    /// </summary>
    public void Run(Action<TrainingProgress>? onEpoch = null, CancellationToken cancel = default, Action<double>? afterStep = null)
    {
        if (Config.Steps is { } total)
        {
            double sum = 0;
            var since = 0;
            while (Steps < total && !cancel.IsCancellationRequested)
            {
                var loss = Step();
                afterStep?.Invoke(loss);
                sum += loss;
                since++;
                if (_cursor == 0 || Steps == total)
                {
                    onEpoch?.Invoke(new TrainingProgress(Epoch, Steps, sum / since));
                    sum = 0;
                    since = 0;
                }
            }
            return;
        }
        while (Epoch < Config.Epochs && !cancel.IsCancellationRequested)
        {
            var epoch = Epoch;
            var progress = RunEpoch(afterStep, cancel);
            if (Epoch != epoch) onEpoch?.Invoke(progress);
        }
    }
}
