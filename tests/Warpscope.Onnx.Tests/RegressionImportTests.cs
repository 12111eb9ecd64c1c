using Google.Protobuf;
using Onnx;
using Warpscope.Core;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Training;
using Xunit.Abstractions;

namespace Warpscope.Onnx.Tests;

/// <summary>A one-output ONNX graph with no Softmax is read as a regression model: PyTorch's, and Warpscope's own exports.</summary>
public class RegressionImportTests(ITestOutputHelper output)
{
    private const int Points = 10_000;

    [Fact]
    public void PyTorchRegressionNet_ImportsAsRegression_AndMatchesOnnxRuntimeOn10000Points()
    {
        var model = OnnxImport.Parse(Fixtures.Bytes("regression.onnx"), "regression.onnx");

        var spec = model.Network.Spec;
        Assert.True(spec.IsRegression);
        Assert.Equal(1, model.Network.ClassCount);
        Assert.Equal([8, 8], spec.Hidden);
        Assert.Equal([Activation.Tanh, Activation.Relu], spec.Activations);
        Assert.Equal(["value"], model.ClassNames);
        Assert.True(spec.Target.IsIdentity);
        var (x, y, both) = Fixtures.RandomPoints(Points, seed: 8, range: 3);
        var ours = new float[Points];
        new ForwardPass(model.Network).Predict(x, y, ours);
        var (theirs, width) = OnnxRuntimeOracle.Run(Fixtures.Bytes("regression.onnx"), both);
        Assert.Equal(1, width);
        var max = Enumerable.Range(0, Points).Max(i => Math.Abs(ours[i] - theirs[i]));
        output.WriteLine($"imported regression: max |Δŷ| vs onnxruntime on {Points} points = {max:E2}");
        Assert.InRange(max, 0, 1e-5);
        // The net learnt z = sin(x)·cos(y) (train MSE 0.002): its values follow the surface, not a constant.
        var error = Enumerable.Range(0, Points).Average(i => Math.Pow(ours[i] - Math.Sin(x[i]) * Math.Cos(y[i]), 2));
        Assert.InRange(error, 0, 0.02);
    }

    [Theory]
    [InlineData(250000f, 80000f)]
    [InlineData(0f, 1f)]
    public void ExportedRegression_ReadsBack_BitForBit(float mean, float scale)
    {
        var model = new TrainedModel(Network.Create(new NetworkSpec([6, 5], [Activation.Sigmoid, Activation.LeakyRelu], NetworkSpec.PlainFeatures, 1, LearningTask.Regression)
        {
            Scaling = new InputScaling(100, -20, 30, 4),
            Target = new TargetScaling(mean, scale),
        }, seed: 9), ["price"]);
        var bytes = OnnxExport.Build(model).ToByteArray();

        var read = OnnxImport.Parse(bytes, "price.onnx");

        Assert.Equal(model.Network.Spec, read.Network.Spec);
        Assert.Equal(model.Network.Spec.Target, read.Network.Spec.Target);
        Assert.Equal(model.Network.Spec.Scaling, read.Network.Spec.Scaling);
        Assert.Equal(model.Network.Parameters.ToArray(), read.Network.Parameters.ToArray());
        Assert.Equal(["price"], read.ClassNames);
        Assert.Equal(bytes, OnnxExport.Build(read).ToByteArray());
    }

    [Theory]
    [InlineData("Sigmoid", "the last Linear layer, of one output, is followed by sigmoid")]
    [InlineData("Softmax", "a Softmax of one score is constant")]
    public void OneOutput_FollowedByAnActivationOrSoftmax_IsRefusedInOneLine(string op, string expected)
    {
        var proto = ModelProto.Parser.ParseFrom(Fixtures.Bytes("regression.onnx"));
        var end = proto.Graph.Output[0].Name;
        var node = new NodeProto { Name = "/extra", OpType = op, Input = { end }, Output = { "extra" } };
        if (op == "Softmax") node.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
        proto.Graph.Node.Add(node);
        proto.Graph.Output[0].Name = "extra";

        var error = Assert.Throws<UserInputException>(() => OnnxImport.Parse(proto.ToByteArray(), "bad.onnx"));

        Assert.StartsWith("bad.onnx: ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
