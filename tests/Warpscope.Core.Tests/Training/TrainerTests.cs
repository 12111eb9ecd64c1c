using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Core.Tests.Training;

public class TrainerTests
{
    [Theory]
    [InlineData(OptimizerKind.Sgd)]
    [InlineData(OptimizerKind.Momentum)]
    [InlineData(OptimizerKind.Adam)]
    public void SameSeed_GivesBitIdenticalWeights(OptimizerKind optimizer)
    {
        float[] Train()
        {
            var data = TestData.Random(300, 3, seed: 12);
            var network = Network.Create(NetworkSpec.Uniform([10, 10], Activation.Tanh, 3), seed: 4);
            new Trainer(network, data, new TrainingConfig(optimizer, 0.01, BatchSize: 17, Epochs: 5, L1: 1e-4, L2: 1e-3, Seed: 4)).Run();
            return network.Parameters;
        }
        var a = Train();
        var b = Train();
        Assert.Equal(a.Select(BitConverter.SingleToInt32Bits), b.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void MaxNorm_CapsEveryHiddenUnitsIncomingWeights_AndLeavesTheOutputLayerFree()
    {
        var data = DatasetFactory.Create(new DatasetSpec("xor", 200, 0, 0, 3)).Train;
        var network = Network.Create(NetworkSpec.Uniform([6, 5], Activation.Tanh), seed: 2);
        new Trainer(network, data, new TrainingConfig(OptimizerKind.Adam, 0.1, BatchSize: 20, Epochs: 30, Seed: 2, MaxNorm: 1.5)).Run();
        var capped = 0;
        for (var layer = 0; layer < 2; layer++)
        {
            var inputs = network.Layers[layer].Inputs;
            for (var unit = 0; unit < network.Layers[layer].Outputs; unit++)
            {
                var norm = Math.Sqrt(Enumerable.Range(0, inputs).Sum(i => (double)network.Weight(layer, unit, i) * network.Weight(layer, unit, i)));
                Assert.True(norm <= 1.5 * (1 + 1e-6), $"layer {layer} unit {unit}: |w| = {norm}");
                if (norm > 1.5 * (1 - 1e-4)) capped++;
            }
        }
        Assert.True(capped > 0, "a learning rate of 0.1 pushes some unit to the cap");
        // Nothing caps the output layer: it grows past the hidden layers' cap.
        var output = network.Layers[2];
        var longest = Enumerable.Range(0, output.Outputs).Max(o => Math.Sqrt(Enumerable.Range(0, output.Inputs).Sum(i => (double)network.Weight(2, o, i) * network.Weight(2, o, i))));
        Assert.True(longest > 1.5, $"output |w| = {longest}");
    }

    [Fact]
    public void MaxNorm_IsAProjectionAfterTheStep_TheSameStepUncappedThenScaled()
    {
        var data = TestData.Random(64, 2, seed: 5, scale: 2);
        var spec = NetworkSpec.Uniform([4], Activation.Tanh);
        var free = Network.Create(spec, seed: 9);
        var capped = Network.Create(spec, seed: 9);
        new Trainer(free, data, new TrainingConfig(OptimizerKind.Sgd, 0.5, BatchSize: 64, Epochs: 1, MaxNorm: 0)).Step();
        new Trainer(capped, data, new TrainingConfig(OptimizerKind.Sgd, 0.5, BatchSize: 64, Epochs: 1, MaxNorm: 0.3)).Step();
        for (var unit = 0; unit < 4; unit++)
        {
            var (a, b) = (free.Weight(0, unit, 0), free.Weight(0, unit, 1));
            var norm = MathF.Sqrt(a * a + b * b);
            var scale = norm > 0.3f ? 0.3f / norm : 1f;
            Assert.Equal(a * scale, capped.Weight(0, unit, 0), 1e-6f);
            Assert.Equal(b * scale, capped.Weight(0, unit, 1), 1e-6f);
        }
        Assert.Equal(free.Biases(0).ToArray(), capped.Biases(0).ToArray());
        Assert.Equal(free.Weights(1).ToArray(), capped.Weights(1).ToArray());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void MaxNorm_BadValue_IsAUserError(double cap) =>
        Assert.Contains("max-norm", Assert.Throws<UserInputException>(() => new TrainingConfig(MaxNorm: cap).Validated()).Message);

    [Fact]
    public void DifferentSeeds_GiveDifferentWeights()
    {
        var a = Network.Create(NetworkSpec.Uniform([4], Activation.Tanh), seed: 1).Parameters;
        var b = Network.Create(NetworkSpec.Uniform([4], Activation.Tanh), seed: 2).Parameters;
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Divergence_StopsAndKeepsTheLastFiniteWeights()
    {
        var data = TestData.Random(100, 2, seed: 1, scale: 5);
        var network = Network.Create(NetworkSpec.Uniform([8, 8], Activation.Relu), seed: 1);
        var trainer = new Trainer(network, data, new TrainingConfig(OptimizerKind.Sgd, 1e20, BatchSize: 100, Epochs: 100));
        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Run());
        Assert.Contains("training diverged at epoch", error.Message);
        Assert.All(network.Parameters, v => Assert.True(float.IsFinite(v)));
        Assert.True(double.IsFinite(error.LastFiniteLoss));
        var evaluation = new ForwardPass(network).Evaluate(data);
        Assert.Equal(error.LastFiniteLoss, evaluation.Loss, 1e-3 * Math.Max(1, error.LastFiniteLoss));
    }

    [Theory]
    [InlineData(1)] // d = +∞ on the right side of label 1: the logistic loss alone would be 0
    [InlineData(0)] // and on the wrong side of label 0: +∞
    public void Divergence_HiddenActivationsOverflowing_IsCaught_EvenWhenEveryPointIsOnItsSide(int label)
    {
        // One ReLU unit whose value overflows to +∞ for x ≥ 2, feeding only class 1's logit.
        var network = Network.Create(NetworkSpec.Uniform([1], Activation.Relu), seed: 1);
        network.Parameters.AsSpan().Clear();
        network.Weights(0)[0] = 3e38f;
        network.Weights(1)[1] = 1;
        var data = new LabeledPoints([2f, 3f, 4f, 5f], [0f, 1f, 0f, 1f], [label, label, label, label]);
        var gradient = new float[network.ParameterCount];
        Assert.False(double.IsFinite(new LossGradient(network).Compute(data, 0, data.Count, gradient)));
        var trainer = new Trainer(network, data, new TrainingConfig(OptimizerKind.Sgd, 0.1, BatchSize: 4, Epochs: 1));
        Assert.Throws<TrainingDivergedException>(() => trainer.Step());
    }

    [Fact]
    public void Divergence_AnOverflowHiddenBehindAReLU_IsCaughtByTheGradient()
    {
        // Layer 1 overflows to +∞ for x ≥ 2; layer 2 turns it into −∞ and its ReLU into 0, so the
        // loss stays log 2 — but the gradient of layer 2's weights is 0·∞ = NaN.
        var network = Network.Create(NetworkSpec.Uniform([1, 1], Activation.Relu), seed: 1);
        network.Parameters.AsSpan().Clear();
        network.Weights(0)[0] = 3e38f;
        network.Weights(1)[0] = -1;
        var before = network.Parameters.ToArray();
        var data = new LabeledPoints([2f, 3f, 4f, 5f], [0f, 1f, 0f, 1f], [0, 1, 0, 1]);
        var gradient = new float[network.ParameterCount];
        Assert.Equal(Math.Log(2), new LossGradient(network).Compute(data, 0, data.Count, gradient), 1e-6);
        Assert.Contains(gradient, g => !float.IsFinite(g));
        var trainer = new Trainer(network, data, new TrainingConfig(OptimizerKind.Sgd, 0.1, BatchSize: 4, Epochs: 1));
        Assert.Throws<TrainingDivergedException>(() => trainer.Step());
        Assert.Equal(before, network.Parameters);
    }

    [Fact]
    public void Epochs_VisitEveryPointOnceWithAShorterLastBatch()
    {
        var data = TestData.Random(103, 2, seed: 1);
        var trainer = new Trainer(Network.Create(NetworkSpec.Uniform([3], Activation.Tanh), 1), data, new TrainingConfig(BatchSize: 10, Epochs: 2));
        Assert.Equal(11, trainer.StepsPerEpoch);
        trainer.Run();
        Assert.Equal(2, trainer.Epoch);
        Assert.Equal(22, trainer.Steps);
    }

    [Fact]
    public void Steps_OverrideEpochs()
    {
        var data = TestData.Random(50, 2, seed: 1);
        var trainer = new Trainer(Network.Create(NetworkSpec.Uniform([3], Activation.Tanh), 1), data, new TrainingConfig(BatchSize: 10, Epochs: 100, Steps: 7));
        trainer.Run();
        Assert.Equal(7, trainer.Steps);
        Assert.Equal(1, trainer.Epoch);
    }

    [Fact]
    public void Adam_FirstStepsMatchTheTextbookUpdate()
    {
        var parameters = new[] { 0.5f, -1.25f, 2f };
        float[][] gradients = [[0.1f, -0.2f, 0f], [0.3f, 0.1f, -4f], [-0.05f, 0.2f, 1f]];
        var adam = new Adam(3, 0.01f);
        double[] p = [0.5, -1.25, 2], m = new double[3], v = new double[3];
        for (var t = 1; t <= gradients.Length; t++)
        {
            adam.Step(parameters, gradients[t - 1]);
            for (var i = 0; i < 3; i++)
            {
                var g = gradients[t - 1][i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                p[i] -= 0.01 * (m[i] / (1 - Math.Pow(0.9, t))) / (Math.Sqrt(v[i] / (1 - Math.Pow(0.999, t))) + 1e-8);
            }
        }
        for (var i = 0; i < 3; i++) Assert.Equal(p[i], parameters[i], 1e-6);
    }

    [Fact]
    public void Momentum_AccumulatesVelocityAsPyTorch()
    {
        var parameters = new[] { 1f };
        var momentum = new Momentum(1, 0.1f, 0.9f);
        momentum.Step(parameters, [1f]);   // v = 1, p = 0.9
        momentum.Step(parameters, [1f]);   // v = 1.9, p = 0.71
        Assert.Equal(0.71f, parameters[0], 1e-6f);
    }
}
