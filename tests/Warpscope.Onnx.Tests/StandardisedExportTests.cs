using Google.Protobuf;
using Warpscope.Core;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Training;
using Xunit.Abstractions;

namespace Warpscope.Onnx.Tests;

public class StandardisedExportTests(ITestOutputHelper output)
{
    private const int Points = 10_000;

    private static readonly InputScaling Scaling = new(1001.0305f, 2000.5153f, 1.7464341f, 0.98833567f);

    private static TrainedModel StandardisedModel() =>
        new(Network.Create(NetworkSpec.Uniform([16, 16], Activation.Tanh, 3) with { Scaling = Scaling }, seed: 7), ["a", "b", "c"]);

    [Fact]
    public void Standardised_Exported_BeginsWithSubAndDivOfTheMeanAndScale()
    {
        var graph = OnnxExport.Build(StandardisedModel()).Graph;

        Assert.Equal(["Sub", "Div", "Gemm"], graph.Node.Take(3).Select(n => n.OpType));
        Assert.Equal(OnnxExport.InputName, graph.Node[0].Input[0]);
    }

    [Fact]
    public void Standardised_Exported_ProbabilitiesMatchOnnxRuntimeOn10000PointsInTheDatasUnits()
    {
        var model = StandardisedModel();
        var random = new Random(12);
        var x = new float[Points];
        var y = new float[Points];
        var both = new float[2 * Points];
        for (var i = 0; i < Points; i++)
        {
            x[i] = both[2 * i] = 1001 + 8 * (2 * random.NextSingle() - 1);
            y[i] = both[2 * i + 1] = 2000 + 5 * (2 * random.NextSingle() - 1);
        }
        var ours = new float[3 * Points];
        new ForwardPass(model.Network).Predict(x, y, ours);

        var (theirs, width) = OnnxRuntimeOracle.Run(OnnxExport.Build(model).ToByteArray(), both);

        Assert.Equal(3, width);
        double max = 0;
        for (var i = 0; i < Points; i++)
            for (var c = 0; c < 3; c++) max = Math.Max(max, Math.Abs(ours[c * Points + i] - theirs[i * 3 + c]));
        output.WriteLine($"standardised export: max |Δp| vs onnxruntime on {Points} points around (1001, 2000) = {max:E2}");
        Assert.InRange(max, 0, 1e-5);
    }

    [Fact]
    public void Standardised_ExportedThenImported_IsTheSameModelBitForBit()
    {
        var model = StandardisedModel();

        var back = OnnxImport.Parse(OnnxExport.Build(model).ToByteArray(), "m.onnx");

        Assert.Equal(model.Network.Spec, back.Network.Spec);
        Assert.Equal(Scaling, back.Network.Spec.Scaling);
        Assert.Equal(model.Network.Parameters, back.Network.Parameters);
    }

    [Fact]
    public void ASubAfterTheFirstLinearLayer_IsRefusedNamingTheNode()
    {
        var proto = OnnxExport.Build(StandardisedModel());
        var sub = proto.Graph.Node[0];
        proto.Graph.Node.RemoveAt(0);
        proto.Graph.Node[0].Input[0] = OnnxExport.InputName;
        // Now: Div, Gemm, then the Sub moved after the first Gemm's Tanh.
        var tanh = proto.Graph.Node.Single(n => n.Name == "layer1/Tanh");
        var at = proto.Graph.Node.IndexOf(tanh);
        sub.Input[0] = tanh.Output[0];
        sub.Output[0] = "moved";
        proto.Graph.Node.Single(n => n.Name == "layer2/Gemm").Input[0] = "moved";
        proto.Graph.Node.Insert(at + 1, sub);

        var e = Assert.Throws<UserInputException>(() => OnnxImport.Parse(proto.ToByteArray(), "m.onnx"));

        Assert.Equal("m.onnx: node 'input/Sub' (Sub) is not supported: a Sub is read only first, as x − mean before the first Linear layer", e.Message);
    }

    [Fact]
    public void ADivByZero_IsRefused()
    {
        var proto = OnnxExport.Build(StandardisedModel());
        var scale = proto.Graph.Initializer.Single(t => t.Name == "input.scale");
        scale.RawData = ByteString.CopyFrom([.. BitConverter.GetBytes(1f), .. BitConverter.GetBytes(0f)]);

        var e = Assert.Throws<UserInputException>(() => OnnxImport.Parse(proto.ToByteArray(), "m.onnx"));

        Assert.Equal("m.onnx: node 'input/Div' (Div) is not supported: its scale [1] is 0, not a positive number", e.Message);
    }
}
