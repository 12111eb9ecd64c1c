using Google.Protobuf;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Training;
using Xunit.Abstractions;

namespace Warpscope.Onnx.Tests;

public class RegressionExportTests(ITestOutputHelper output)
{
    private const int Points = 10_000;

    private static TrainedModel Model(TargetScaling target) =>
        new(Network.Create(new NetworkSpec([16, 16], [Activation.Tanh, Activation.Relu], NetworkSpec.PlainFeatures, 1, LearningTask.Regression)
        {
            Scaling = new InputScaling(100, -20, 30, 4),
            Target = target,
        }, seed: 5), ["price"]);

    [Theory]
    [InlineData(250000f, 80000f)]
    [InlineData(0f, 1f)]
    public void Regression_Exported_ValuesMatchOnnxRuntimeOn10000Points_WithoutSoftmax(float mean, float scale)
    {
        var model = Model(new TargetScaling(mean, scale));
        var proto = OnnxExport.Build(model);
        Assert.DoesNotContain(proto.Graph.Node, n => n.OpType == "Softmax");
        Assert.Equal(OnnxExport.ValueName, proto.Graph.Output.Single().Name);
        var random = new Random(3);
        var x = new float[Points];
        var y = new float[Points];
        var both = new float[2 * Points];
        for (var i = 0; i < Points; i++)
        {
            x[i] = both[2 * i] = 100 + 60 * (2 * random.NextSingle() - 1);
            y[i] = both[2 * i + 1] = -20 + 8 * (2 * random.NextSingle() - 1);
        }
        var ours = new float[Points];
        new ForwardPass(model.Network).Predict(x, y, ours);
        var (theirs, width) = OnnxRuntimeOracle.Run(proto.ToByteArray(), both);
        Assert.Equal(1, width);
        double max = 0;
        for (var i = 0; i < Points; i++) max = Math.Max(max, Math.Abs(ours[i] - theirs[i]) / Math.Max(1, Math.Abs(ours[i])));
        output.WriteLine($"regression export: max relative |Δŷ| vs onnxruntime on {Points} points = {max:E2}");
        Assert.InRange(max, 0, 1e-5);
        // Not a trivial pass: the values spread over the target's units.
        Assert.True(ours.Max() - ours.Min() > (scale > 1 ? 1000 : 0.01), $"values {ours.Min()}..{ours.Max()}");
    }
}
