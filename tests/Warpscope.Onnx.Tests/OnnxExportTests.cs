using Google.Protobuf;
using Onnx;
using Warpscope.Core;
using Warpscope.Core.Model;
using Warpscope.Core.Training;
using Xunit.Abstractions;

namespace Warpscope.Onnx.Tests;

public class OnnxExportTests(ITestOutputHelper output)
{
    private static readonly Activation[] EveryActivation =
        [Activation.Tanh, Activation.Relu, Activation.LeakyRelu, Activation.Sigmoid, Activation.Softplus, Activation.Sine, Activation.Linear];

    private static TrainedModel EveryActivationModel() =>
        new(Network.Create(new NetworkSpec([.. EveryActivation.Select(_ => 6)], EveryActivation, NetworkSpec.PlainFeatures, 3), seed: 16),
            ["setosa", "versicolor", "virginica"]);

    [Fact]
    public void EveryActivation_Exported_ProbabilitiesMatchOnnxRuntimeOn10000Points()
    {
        var model = EveryActivationModel();

        var delta = OnnxImportTests.MaxProbabilityDelta(model, OnnxExport.Build(model).ToByteArray(), seed: 4);

        output.WriteLine($"export: max |Δp| vs onnxruntime on 10000 points = {delta:E2}");
        Assert.InRange(delta, 0, 1e-5);
    }

    [Fact]
    public void EveryActivation_ExportedThenImported_IsTheSameModelBitForBit()
    {
        var model = EveryActivationModel();
        var path = Path.Combine(Path.GetTempPath(), $"warpscope-export-{Guid.NewGuid():N}.onnx");
        try
        {
            OnnxExport.Save(path, model);
            var back = ModelFiles.Load(path);

            Assert.Equal(model.Network.Spec, back.Network.Spec);
            Assert.Equal(model.Network.Parameters, back.Network.Parameters);
            Assert.Equal(model.ClassNames, back.ClassNames);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void DerivedFeatures_AreRefusedAndNoFileIsLeft()
    {
        var spec = new NetworkSpec([4], [Activation.Tanh], [InputFeature.X, InputFeature.Y, InputFeature.XSquared], 2);
        var model = new TrainedModel(Network.Create(spec, seed: 1), ["a", "b"]);
        var path = Path.Combine(Path.GetTempPath(), $"warpscope-export-{Guid.NewGuid():N}.onnx");

        var e = Assert.Throws<UserInputException>(() => OnnxExport.Save(path, model));

        Assert.Contains("x, y, x2", e.Message.Replace("^", ""));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void LeakyReluOfAnotherSlope_IsRefusedNamingTheNode()
    {
        var proto = OnnxExport.Build(EveryActivationModel());
        proto.Graph.Node.Single(n => n.OpType == "LeakyRelu").Attribute.Single(a => a.Name == "alpha").F = 0.2f;

        var e = Refusal(proto);

        Assert.Equal("m.onnx: node 'layer3/LeakyRelu' (LeakyRelu) is not supported: negative slope 0.2: Warpscope's LeakyReLU has PyTorch's default slope 0.01 only", e);
    }

    [Fact]
    public void ActivationAfterTheOutputLayer_IsRefused()
    {
        var proto = OnnxExport.Build(EveryActivationModel());
        proto.Graph.Node[^1].OpType = "Sigmoid";

        Assert.StartsWith("m.onnx: the last Linear layer is followed by sigmoid", Refusal(proto));
    }

    [Fact]
    public void OldOpset_IsRefused()
    {
        var proto = OnnxExport.Build(EveryActivationModel());
        proto.OpsetImport[0].Version = 8;

        Assert.StartsWith("m.onnx: opset 8 is older than 9", Refusal(proto));
    }

    [Fact]
    public void ABranch_IsRefusedNamingTheNode()
    {
        var proto = OnnxExport.Build(EveryActivationModel());
        // A residual connection: layer 2's Gemm also reads the network's input.
        proto.Graph.Node.Single(n => n.Name == "layer2/Gemm").Input[2] = OnnxExport.InputName;

        Assert.StartsWith("m.onnx: node 'layer2/Gemm' (Gemm) is not supported: it does not take the chain's one running value", Refusal(proto));
    }

    private static string Refusal(ModelProto proto) =>
        Assert.Throws<UserInputException>(() => OnnxImport.Parse(proto.ToByteArray(), "m.onnx")).Message;
}
