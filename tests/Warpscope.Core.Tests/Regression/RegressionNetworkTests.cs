using System.Text;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.ModelFiles;
using Warpscope.Core.Numerics;
using Warpscope.Core.Training;

namespace Warpscope.Core.Tests.Regression;

/// <summary>The mean squared error: the reference gradient against finite differences, the fused kernels against the reference, training, and the model file.</summary>
public class RegressionNetworkTests
{
    private static NetworkSpec Spec(Activation activation, TargetScaling? target = null) =>
        new NetworkSpec([6, 5], [activation, activation], NetworkSpec.PlainFeatures, 1, LearningTask.Regression) { Target = target ?? TargetScaling.Identity };

    private static LabeledPoints Points(int count, int seed, float offset = 0, float scale = 1)
    {
        var random = new Random(seed);
        var x = new float[count];
        var y = new float[count];
        var t = new float[count];
        for (var i = 0; i < count; i++)
        {
            x[i] = (float)(random.NextDouble() * 4 - 2);
            y[i] = (float)(random.NextDouble() * 4 - 2);
            t[i] = offset + scale * (float)(Math.Sin(x[i]) * y[i] + 0.1 * random.NextDouble());
        }
        return LabeledPoints.WithTargets(x, y, t);
    }

    [Theory]
    [InlineData(Activation.Tanh)]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.Sine)]
    public void ReferenceMeanSquaredError_Gradient_MatchesFiniteDifferences(Activation activation)
    {
        var network = Network.Create(Spec(activation, new TargetScaling(3f, 2.5f)), seed: 4);
        var data = Points(12, seed: 5, offset: 3, scale: 2.5f);
        var theta = network.Parameters.Select(v => (double)v + 0.01).ToArray();
        var gradient = new double[theta.Length];
        ReferenceMlp.ObjectiveAndGradient(network, theta, data, 0, 0.1, gradient);
        const double h = 1e-6;
        for (var i = 0; i < theta.Length; i++)
        {
            var saved = theta[i];
            theta[i] = saved + h;
            var plus = ReferenceMlp.Objective(network, theta, data, 0, 0.1);
            theta[i] = saved - h;
            var minus = ReferenceMlp.Objective(network, theta, data, 0, 0.1);
            theta[i] = saved;
            var numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-6 + 1e-5 * Math.Abs(numeric), $"parameter {i}: finite difference {numeric:G9}, analytic {gradient[i]:G9}");
        }
    }

    [Theory]
    [InlineData(VectorWidth.Bits256, 1)]
    [InlineData(VectorWidth.Bits256, 203)]
    [InlineData(VectorWidth.Bits256, 1000)]
    [InlineData(VectorWidth.Bits512, 10)]
    [InlineData(VectorWidth.Bits512, 257)]
    internal void FastMeanSquaredError_MatchesReference_WithStandardisedTargets(VectorWidth width, int batch)
    {
        var network = Network.Create(Spec(Activation.Tanh, new TargetScaling(100f, 20f)), seed: 7);
        var data = Points(batch, seed: batch, offset: 100, scale: 20);
        var fast = new float[network.ParameterCount];
        var loss = new LossGradient(network, width).Compute(data, 0, data.Count, fast, 0, 0.02);
        var reference = new double[network.ParameterCount];
        var objective = ReferenceMlp.ObjectiveAndGradient(network, [.. network.Parameters.Select(v => (double)v)], data, 0, 0.02, reference);
        Assert.Equal(objective, loss + new LossGradient(network, width).Penalty(0, 0.02), 1e-4);
        var scale = reference.Max(Math.Abs);
        for (var i = 0; i < reference.Length; i++)
            Assert.True(Math.Abs(reference[i] - fast[i]) <= 1e-5 * scale + 1e-6, $"parameter {i}: reference {reference[i]:G7}, fast {fast[i]:G7}");
        // Shuffled indices gather the same targets.
        var indices = Enumerable.Range(0, batch).Reverse().ToArray();
        var gathered = new float[network.ParameterCount];
        new LossGradient(network, width).Compute(data, indices, gathered, 0, 0.02);
        for (var i = 0; i < reference.Length; i++) Assert.Equal(fast[i], gathered[i], 1e-5f * (float)scale + 1e-6f);
    }

    [Fact]
    public void Predict_GivesTheValueInTheTargetsUnits_AsTheReference()
    {
        var network = Network.Create(Spec(Activation.Tanh, new TargetScaling(-40f, 7f)), seed: 2);
        var data = Points(300, seed: 1);
        var values = new float[data.Count];
        new ForwardPass(network).Predict(data.X, data.Y, values);
        var theta = network.Parameters.Select(v => (double)v).ToArray();
        for (var i = 0; i < data.Count; i++)
        {
            var (_, a, _) = ReferenceMlp.Forward(network.Layers, network.Spec.Features, theta, data.X[i], data.Y[i], target: network.Spec.Target);
            Assert.Equal(a[^1][0], values[i], 1e-4);
        }
    }

    [Theory]
    [InlineData("plane", 0.002, 0.98)]
    [InlineData("multigauss", 0.03, 0.7)]
    public void TrainingOnAPlaygroundRegressionSet_ReachesASmallMeanSquaredError(string name, double ceiling, double rSquared)
    {
        var job = new TrainingJob(new DatasetSpec(name, Points: 500, Noise: 0, Seed: 1),
            new NetworkSpec([8, 8], [Activation.Tanh, Activation.Tanh], NetworkSpec.PlainFeatures, 1, LearningTask.Regression),
            new TrainingConfig(Epochs: 300), Seed: 1);
        var run = new TrainingSession(job);
        var before = run.TestFigures.Loss;
        run.Run();
        var model = run.ToModel();
        Assert.True(model.Metrics!.TestLoss < ceiling, $"{name}: test MSE {model.Metrics.TestLoss:G4} (was {before:G4} untrained)");
        Assert.True(model.Metrics.TestRSquared > rSquared, $"{name}: test R² {model.Metrics.TestRSquared:F4}");
        Assert.True(double.IsNaN(model.Metrics.TrainAccuracy));
    }

    [Fact]
    public void ModelFile_RoundTrip_KeepsTheTaskTargetsAndTargetScaling()
    {
        var spec = Spec(Activation.Relu, new TargetScaling(250000f, 80000f)) with { Scaling = new InputScaling(1, 2, 3, 4) };
        var network = Network.Create(spec, seed: 3);
        var points = Points(5, seed: 2, offset: 250000, scale: 80000);
        var model = new TrainedModel(network, ["price"], new DatasetSpec("house.csv") { Task = LearningTask.Regression }, Metrics: new ModelMetrics(double.NaN, double.NaN, 12.5, 3, 30) { TestLoss = 14, TrainRSquared = 0.9, TestRSquared = 0.8 })
        {
            Data = new ModelData(new DataSource("house.csv", "/tmp/house.csv", 10, "ab"), new PlaneRect(0, 1, 0, 1), ["size", "age"], points, points),
        };
        using var stream = new MemoryStream();
        ModelFile.Write(stream, model);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Contains("\"version\": 3", text);
        Assert.Contains("\"task\": \"regression\"", text);
        Assert.Contains("\"activation\": \"linear\"", text);
        var loaded = ModelFile.Parse(stream.ToArray(), "m.json");
        Assert.Equal(spec, loaded.Network.Spec);
        Assert.Equal(LearningTask.Regression, loaded.Network.Spec.Task);
        Assert.Equal(new TargetScaling(250000f, 80000f), loaded.Network.Spec.Target);
        Assert.Equal(network.Parameters, loaded.Network.Parameters);
        Assert.Equal(points.Targets, loaded.Data!.Train!.Targets);
        Assert.Equal(LearningTask.Regression, loaded.Dataset!.Task);
        Assert.Equal(14, loaded.Metrics!.TestLoss);
        Assert.Equal(0.8, loaded.Metrics.TestRSquared);
    }

    [Fact]
    public void ModelFile_WithoutATask_IsAClassifier_AndALinearOutputWithoutOne_IsRefused()
    {
        var classifier = Network.Create(NetworkSpec.Uniform([3], Activation.Tanh), seed: 1);
        using var stream = new MemoryStream();
        ModelFile.Write(stream, new TrainedModel(classifier, ["a", "b"]));
        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.DoesNotContain("task", text);
        Assert.Equal(LearningTask.Classification, ModelFile.Parse(stream.ToArray(), "m.json").Network.Spec.Task);
        var e = Assert.Throws<UserInputException>(() => ModelFile.Parse(Encoding.UTF8.GetBytes(text.Replace("\"softmax\"", "\"linear\"")), "m.json"));
        Assert.Equal("m.json: $.layers[1].activation: the output layer's activation must be \"softmax\", found \"linear\"", e.Message);
    }
}
