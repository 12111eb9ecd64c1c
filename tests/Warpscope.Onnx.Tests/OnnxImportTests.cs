using Warpscope.Core;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Representations;
using Warpscope.Core.Training;
using Xunit.Abstractions;

namespace Warpscope.Onnx.Tests;

public class OnnxImportTests(ITestOutputHelper output)
{
    private const int Points = 10_000;

    [Fact]
    public void TanhSoftmax_GemmOpset14_ProbabilitiesMatchOnnxRuntimeOn10000Points()
    {
        var model = OnnxImport.Load(Fixtures.Path("tanh-softmax.onnx"));

        Assert.Equal([2, 8, 8, 3], model.Network.Spec.Sizes);
        Assert.Equal([Activation.Tanh, Activation.Tanh], model.Network.Spec.Activations);
        Assert.Equal(["class 0", "class 1", "class 2"], model.ClassNames);
        var delta = MaxProbabilityDelta(model, Fixtures.Bytes("tanh-softmax.onnx"), seed: 1);
        output.WriteLine($"tanh-softmax: max |Δp| vs onnxruntime on {Points} points = {delta:E2}");
        Assert.InRange(delta, 0, 1e-5);
    }

    [Fact]
    public void MixedActivations_MatMulAddOpset9_LogitsMatchOnnxRuntimeOn10000Points()
    {
        var model = OnnxImport.Load(Fixtures.Path("mixed-matmul.onnx"));

        Assert.Equal([2, 6, 6, 6, 6, 5, 5, 4], model.Network.Spec.Sizes);
        // nn.Identity leaves no node: the Linear before it is a hidden layer with the identity activation.
        Assert.Equal([Activation.Relu, Activation.LeakyRelu, Activation.Sigmoid, Activation.Softplus, Activation.Linear, Activation.Sine],
            model.Network.Spec.Activations);
        var delta = MaxLogitDelta(model, Fixtures.Bytes("mixed-matmul.onnx"), seed: 2);
        output.WriteLine($"mixed-matmul: max |Δlogit| vs onnxruntime on {Points} points = {delta:E2}");
        Assert.InRange(delta, 0, 1e-5);
    }

    [Fact]
    public void Moons_TrainedInPyTorch_LogitsMatchOnnxRuntimeOn10000Points()
    {
        var model = OnnxImport.Load(Fixtures.Path("moons.onnx"));

        Assert.Equal([2, 16, 16, 2], model.Network.Spec.Sizes);
        // A trained net's logits reach tens at |x| = 6, where float32 itself resolves only ~4e-6: the logits
        // are compared relative to their size, the probabilities (what Warpscope draws) absolutely.
        var delta = MaxLogitDelta(model, Fixtures.Bytes("moons.onnx"), seed: 3, relative: true);
        var probabilities = MaxSoftmaxDelta(model, Fixtures.Bytes("moons.onnx"), seed: 3);
        output.WriteLine($"moons: max |Δlogit|/max(1,|logit|) = {delta:E2}, max |Δp| = {probabilities:E2} vs onnxruntime on {Points} points");
        Assert.InRange(delta, 0, 1e-5);
        Assert.InRange(probabilities, 0, 1e-5);
    }

    [Fact]
    public void Moons_TrainedInPyTorch_LogitsAreAsCloseToExactAsOnnxRuntimes()
    {
        var model = OnnxImport.Load(Fixtures.Path("moons.onnx"));
        var (x, y, both) = Fixtures.RandomPoints(Points, 3, 6f);
        var ours = new float[2 * Points];
        new ForwardPass(model.Network).Map(x, y, model.Network.Layers.Count, ours, pre: true);
        var (theirs, _) = OnnxRuntimeOracle.Run(Fixtures.Bytes("moons.onnx"), both);

        double oursOff = 0, theirsOff = 0, largest = 0;
        for (var i = 0; i < Points; i++)
        {
            var exact = ExactTanhReluLogits(model.Network, x[i], y[i]);
            for (var c = 0; c < 2; c++)
            {
                oursOff = Math.Max(oursOff, Math.Abs(ours[c * Points + i] - exact[c]));
                theirsOff = Math.Max(theirsOff, Math.Abs(theirs[i * 2 + c] - exact[c]));
                largest = Math.Max(largest, Math.Abs(exact[c]));
            }
        }
        output.WriteLine($"moons: max |logit - exact| warpscope {oursOff:E2}, onnxruntime {theirsOff:E2}; largest |logit| {largest:F1}");
        Assert.InRange(largest, 10, 1000);
        Assert.InRange(oursOff, 0, 2 * theirsOff);
    }

    [Fact]
    public void Moons_TrainedInPyTorch_DrawsPyTorchsDecisionFieldToThePixel()
    {
        var model = OnnxImport.Load(Fixtures.Path("moons.onnx"));
        var lines = File.ReadAllLines(Fixtures.Path("moons-field.txt")).Where(l => !l.StartsWith('#')).ToArray();
        var head = lines[0].Split(' ');
        var bounds = new PlaneRect(float.Parse(head[0]), float.Parse(head[1]), float.Parse(head[2]), float.Parse(head[3]));
        var lattice = new Lattice(bounds, int.Parse(head[4]), int.Parse(head[5]));
        var expected = lines.Skip(1).SelectMany(row => row.Select(c => c - '0')).ToArray();
        Assert.Equal(lattice.Count, expected.Length);
        Assert.Contains(0, expected);
        Assert.Contains(1, expected);

        // The exact field, and the refined one the renderer paints: both must give every cell PyTorch's class.
        foreach (var field in new[] { DecisionField.Compute(model.Network, lattice), DecisionField.ComputeRefined(model.Network, lattice) })
        {
            var differing = Enumerable.Range(0, lattice.Count).Count(i => field.Winner(i).Class != expected[i]);
            Assert.Equal(0, differing);
        }
    }

    [Fact]
    public void Elu_IsRefusedNamingTheNodeAndItsOpType()
    {
        var e = Assert.Throws<UserInputException>(() => OnnxImport.Load(Fixtures.Path("unsupported.onnx")));

        Assert.StartsWith(Fixtures.Path("unsupported.onnx") + ": node '", e.Message);
        Assert.Contains("(Elu) is not supported", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void NotOnnx_IsRefusedInOneLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"warpscope-not-onnx-{Guid.NewGuid():N}.onnx");
        File.WriteAllText(path, "{ \"format\": \"warpscope-model\" }");
        try
        {
            var e = Assert.Throws<UserInputException>(() => ModelFiles.Load(path));
            Assert.StartsWith($"{path}: not an ONNX model", e.Message);
            Assert.DoesNotContain('\n', e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_IsRefusedAsNotFound()
    {
        var e = Assert.Throws<UserInputException>(() => ModelFiles.Load("/nonexistent/model.onnx"));
        Assert.Equal("/nonexistent/model.onnx: file not found", e.Message);
    }

    /// <summary>max over points and classes of |p_warpscope − p_onnxruntime|.</summary>
    internal static double MaxProbabilityDelta(TrainedModel model, byte[] onnx, int seed)
    {
        var (x, y, both) = Fixtures.RandomPoints(Points, seed, 6f);
        var k = model.Network.ClassCount;
        var ours = new float[k * Points];
        new ForwardPass(model.Network).Predict(x, y, ours);
        var (theirs, width) = OnnxRuntimeOracle.Run(onnx, both);
        Assert.Equal(k, width);
        return MaxDelta(ours, theirs, k, relative: false);
    }

    /// <summary>max |z_warpscope − z_onnxruntime| of the output layer's pre-activations (the logits, for a graph without Softmax).</summary>
    private static double MaxLogitDelta(TrainedModel model, byte[] onnx, int seed, bool relative = false)
    {
        var (x, y, both) = Fixtures.RandomPoints(Points, seed, 6f);
        var k = model.Network.ClassCount;
        var ours = new float[k * Points];
        new ForwardPass(model.Network).Map(x, y, model.Network.Layers.Count, ours, pre: true);
        var (theirs, width) = OnnxRuntimeOracle.Run(onnx, both);
        Assert.Equal(k, width);
        return MaxDelta(ours, theirs, k, relative);
    }

    /// <summary>max |p_warpscope − softmax(z_onnxruntime)| for a graph that ends in logits.</summary>
    private static double MaxSoftmaxDelta(TrainedModel model, byte[] onnx, int seed)
    {
        var (x, y, both) = Fixtures.RandomPoints(Points, seed, 6f);
        var k = model.Network.ClassCount;
        var ours = new float[k * Points];
        new ForwardPass(model.Network).Predict(x, y, ours);
        var (logits, _) = OnnxRuntimeOracle.Run(onnx, both);
        var theirs = new float[logits.Length];
        for (var i = 0; i < Points; i++)
        {
            var row = logits.AsSpan(i * k, k);
            var max = row.ToArray().Max();
            var total = 0.0;
            foreach (var z in row) total += Math.Exp(z - max);
            for (var c = 0; c < k; c++) theirs[i * k + c] = (float)(Math.Exp(row[c] - max) / total);
        }
        return MaxDelta(ours, theirs, k, relative: false);
    }

    /// <summary>The logits in double precision, for a net of Tanh and ReLU layers.</summary>
    private static double[] ExactTanhReluLogits(Network network, double x, double y)
    {
        double[] a = [x, y];
        foreach (var layer in network.Layers)
        {
            var z = new double[layer.Outputs];
            for (var j = 0; j < layer.Outputs; j++)
            {
                double sum = network.Biases(layer.Index)[j];
                for (var i = 0; i < layer.Inputs; i++) sum += (double)network.Weight(layer.Index, j, i) * a[i];
                z[j] = sum;
            }
            a = layer.IsOutput ? z : [.. z.Select(v => layer.Activation switch
            {
                Activation.Tanh => Math.Tanh(v),
                Activation.Relu => Math.Max(v, 0),
                _ => throw new ArgumentOutOfRangeException(nameof(network)),
            })];
        }
        return a;
    }

    /// <summary>ours: [k][n] class-major; theirs: [n][k] row-major; relative: divided by max(1, |theirs|).</summary>
    private static double MaxDelta(float[] ours, float[] theirs, int k, bool relative)
    {
        double max = 0;
        for (var i = 0; i < Points; i++)
        {
            for (var c = 0; c < k; c++)
            {
                var t = theirs[i * k + c];
                var d = Math.Abs(ours[c * Points + i] - t);
                max = Math.Max(max, relative ? d / Math.Max(1, Math.Abs(t)) : d);
            }
        }
        return max;
    }
}
