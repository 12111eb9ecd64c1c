using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Training;

namespace Warpscope.Core.Tests.Numerics;

/// <summary>
/// The vectorised block kernels against the scalar double reference, at each SIMD width (the
/// subclasses below; the 512-bit kernels run emulated where AVX-512 is off).
/// </summary>
public abstract class FastPathTests
{
    private protected abstract VectorWidth Width { get; }

    public static TheoryData<Activation, int> ActivationsAndBatches()
    {
        var data = new TheoryData<Activation, int>();
        foreach (var a in Enum.GetValues<Activation>())
        {
            foreach (var n in new[] { 1, 10, 64, 65, 203, 257, 1000 }) data.Add(a, n);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ActivationsAndBatches))]
    public void FastGradient_MatchesReference(Activation activation, int batch)
    {
        var spec = NetworkSpec.Uniform([7, 16, 5], activation, classes: 3);
        var network = Network.Create(spec, seed: 11);
        var data = TestData.Random(batch, 3, seed: batch);
        AssertFastMatchesReference(network, data, l1: 0, l2: 0);
    }

    [Theory]
    [MemberData(nameof(ActivationsAndBatches))]
    public void FastGradient_TwoClasses_FromTheLogitDifference_MatchesReference(Activation activation, int batch)
    {
        var network = Network.Create(NetworkSpec.Uniform([6, 5], activation, classes: 2), seed: 12);
        var data = TestData.Random(batch, 2, seed: batch + 1);
        AssertFastMatchesReference(network, data, l1: 0.003, l2: 0.02);
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(30f)]
    public void FastGradient_TwoClasses_OneLayer_WithConfidentLogits_MatchesReference(float outputScale)
    {
        // No hidden layer: the input gradient is never formed; scaled weights put logits tens apart.
        var network = Network.Create(NetworkSpec.Uniform([], Activation.Tanh, classes: 2), seed: 4);
        for (var i = 0; i < network.ParameterCount; i++) network.Parameters[i] *= outputScale;
        var data = TestData.Random(203, 2, seed: 5);
        AssertFastMatchesReference(network, data, l1: 0, l2: 0);
    }

    [Fact]
    public void FastGradient_MatchesReference_WithFeaturesPenaltiesAndShuffledIndices()
    {
        var spec = new NetworkSpec([9, 9], [Activation.Tanh, Activation.Relu], [.. Enum.GetValues<InputFeature>().Where(f => f != InputFeature.Z)], classes: 5); // every feature of the plane (these points have no z)
        var network = Network.Create(spec, seed: 2);
        var data = TestData.Random(150, 5, seed: 4);
        var indices = Enumerable.Range(0, 150).ToArray();
        new Random(1).Shuffle(indices);
        var fast = new float[network.ParameterCount];
        var loss = new LossGradient(network, Width).Compute(data, indices, fast, l1: 0.01, l2: 0.1);
        var reference = new double[network.ParameterCount];
        var objective = ReferenceMlp.ObjectiveAndGradient(network, [.. network.Parameters.Select(v => (double)v)], data, 0.01, 0.1, reference);
        var penalty = new LossGradient(network, Width).Penalty(0.01, 0.1);
        Assert.Equal(objective, loss + penalty, 1e-5);
        AssertClose(reference, fast);
    }

    [Fact]
    public void Trace_MatchesReferenceForward_ForEveryLayer()
    {
        var spec = new NetworkSpec([3, 6, 2], [Activation.Tanh, Activation.Sine, Activation.Softplus], [InputFeature.X, InputFeature.Y, InputFeature.XTimesY], 4);
        var network = Network.Create(spec, seed: 8);
        var data = TestData.Random(77, 4, seed: 6);
        var trace = new ForwardPass(network, Width).Trace(data.X, data.Y);
        var theta = network.Parameters.Select(v => (double)v).ToArray();
        for (var s = 0; s < data.Count; s++)
        {
            var (z, a, input) = ReferenceMlp.Forward(network.Layers, spec.Features, theta, data.X[s], data.Y[s]);
            for (var f = 0; f < input.Length; f++) Assert.Equal(input[f], trace.Features[f * data.Count + s], 1e-5);
            for (var k = 0; k < network.Layers.Count; k++)
            {
                for (var u = 0; u < network.Layers[k].Outputs; u++)
                {
                    Assert.Equal(z[k][u], trace.Layers[k].PreAt(u, s), 1e-4);
                    Assert.Equal(a[k][u], trace.Layers[k].PostAt(u, s), 1e-5);
                }
            }
        }
    }

    [Fact]
    public void Map_EqualsTheTraceOfThatLayer()
    {
        var network = Network.Create(NetworkSpec.Uniform([5, 4, 3], Activation.Tanh, 2), seed: 5);
        var data = TestData.Random(99, 2, seed: 2);
        var pass = new ForwardPass(network, Width);
        var trace = pass.Trace(data.X, data.Y);
        for (var layer = 0; layer <= 3; layer++)
        {
            var expected = layer == 0 ? trace.Features : trace.Layers[layer - 1].Post;
            var values = new float[expected.Length];
            pass.Map(data.X, data.Y, layer, values);
            Assert.Equal(expected, values);
        }
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(3, true)]
    public void MapAndPredict_IsMapAndPredictInOnePass(int classes, bool pre)
    {
        var network = Network.Create(NetworkSpec.Uniform([5, 4, 3], Activation.Tanh, classes), seed: 5);
        var data = TestData.Random(300, classes, seed: 2);
        var pass = new ForwardPass(network, Width);
        for (var layer = 1; layer <= 3; layer++)
        {
            var units = network.Layers[layer - 1].Outputs;
            float[] mapped = new float[units * 300], probabilities = new float[classes * 300];
            pass.MapAndPredict(data.X, data.Y, layer, mapped, probabilities, pre);
            float[] expectedMapped = new float[units * 300], expectedProbabilities = new float[classes * 300];
            pass.Map(data.X, data.Y, layer, expectedMapped, pre);
            pass.Predict(data.X, data.Y, expectedProbabilities);
            Assert.Equal(expectedMapped, mapped);
            for (var i = 0; i < probabilities.Length; i++) Assert.Equal(expectedProbabilities[i], probabilities[i], 1e-6f);
        }
    }

    [Fact]
    public void PredictAndEvaluate_AgreeWithTheTrace()
    {
        var network = Network.Create(NetworkSpec.Uniform([8], Activation.Relu, 3), seed: 1);
        var data = TestData.Random(130, 3, seed: 2);
        var pass = new ForwardPass(network, Width);
        var trace = pass.Trace(data.X, data.Y);
        var probabilities = new float[3 * data.Count];
        pass.Predict(data.X, data.Y, probabilities);
        Assert.Equal(trace.Output.Post, probabilities);
        var classes = new int[data.Count];
        pass.Classify(data.X, data.Y, classes);
        var correct = 0;
        double loss = 0;
        for (var s = 0; s < data.Count; s++)
        {
            var best = Enumerable.Range(0, 3).MaxBy(c => trace.Output.PostAt(c, s));
            Assert.Equal(best, classes[s]);
            if (best == data.Labels[s]) correct++;
            loss -= Math.Log(trace.Output.PostAt(data.Labels[s], s));
        }
        var evaluation = pass.Evaluate(data);
        Assert.Equal((double)correct / data.Count, evaluation.Accuracy);
        Assert.Equal(loss / data.Count, evaluation.Loss, 1e-5);
    }

    [Theory]
    [InlineData(Activation.Tanh, 1f)]
    [InlineData(Activation.Relu, 1f)]
    [InlineData(Activation.Tanh, 40f)]
    public void Predict_TwoClasses_FromTheLogitDifference_MatchesReference_EvenForTinyProbabilities(Activation activation, float outputScale)
    {
        // Predict computes a two-class output as p₁ = σ(z₁ − z₀) from one row of weights W₁ − W₀;
        // scaling the output weights pushes the logits tens apart, so one probability is tiny.
        var network = Network.Create(NetworkSpec.Uniform([8, 8], activation, 2), seed: 3);
        var output = network.Layers[^1];
        for (var i = 0; i < output.Inputs * output.Outputs; i++) network.Parameters[output.WeightOffset + i] *= outputScale;
        var data = TestData.Random(301, 2, seed: 9);
        var pass = new ForwardPass(network, Width);
        var probabilities = new float[2 * data.Count];
        pass.Predict(data.X, data.Y, probabilities);
        var classes = new int[data.Count];
        pass.Classify(data.X, data.Y, classes);
        var theta = network.Parameters.Select(v => (double)v).ToArray();
        var smallest = 1.0;
        for (var s = 0; s < data.Count; s++)
        {
            var (_, a, _) = ReferenceMlp.Forward(network.Layers, network.Spec.Features, theta, data.X[s], data.Y[s]);
            var p = a[^1];
            for (var c = 0; c < 2; c++)
            {
                var fast = probabilities[c * data.Count + s];
                Assert.True(Math.Abs(fast - p[c]) <= 1e-6 + 1e-4 * p[c], $"point {s} class {c}: reference {p[c]:G7}, fast {fast:G7}");
                smallest = Math.Min(smallest, p[c]);
            }
            if (Math.Abs(p[1] - p[0]) > 1e-5) Assert.Equal(p[1] > p[0] ? 1 : 0, classes[s]);
        }
        if (outputScale > 1) Assert.True(smallest < 1e-12, $"the scaled network's smallest probability is {smallest:G3}");
    }

    private void AssertFastMatchesReference(Network network, LabeledPoints data, double l1, double l2)
    {
        var fast = new float[network.ParameterCount];
        var loss = new LossGradient(network, Width).Compute(data, 0, data.Count, fast, l1, l2);
        var reference = new double[network.ParameterCount];
        var objective = ReferenceMlp.ObjectiveAndGradient(network, [.. network.Parameters.Select(v => (double)v)], data, l1, l2, reference);
        Assert.Equal(objective, loss + new LossGradient(network, Width).Penalty(l1, l2), 1e-5);
        AssertClose(reference, fast);
    }

    private static void AssertClose(double[] reference, float[] fast)
    {
        var scale = reference.Max(Math.Abs);
        for (var i = 0; i < reference.Length; i++)
        {
            Assert.True(Math.Abs(reference[i] - fast[i]) <= 1e-5 * scale + 1e-6,
                $"parameter {i}: reference {reference[i]:G7}, fast {fast[i]:G7}");
        }
    }
}

public sealed class FastPathTestsAt256Bits : FastPathTests
{
    private protected override VectorWidth Width => VectorWidth.Bits256;
}

public sealed class FastPathTestsAt512Bits : FastPathTests
{
    private protected override VectorWidth Width => VectorWidth.Bits512;
}
