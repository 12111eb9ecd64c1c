using Google.Protobuf;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Training;
using Xunit.Abstractions;

namespace Warpscope.Onnx.Tests;

/// <summary>A network of 3-D inputs (x, y, z), standardised, exported and checked against ONNX Runtime, then read back.</summary>
public class SpaceExportTests(ITestOutputHelper output)
{
    private const int Points = 10_000;

    private static TrainedModel SpaceModel() =>
        new(Network.Create(new NetworkSpec([4, 3], [Activation.Tanh, Activation.Relu], NetworkSpec.SpaceFeatures, 2)
        {
            Scaling = new InputScaling(0.5f, -1, 2, 0.5f) { OffsetZ = 3, ScaleZ = 1.5f },
        }, seed: 5), ["a", "b"]);

    [Fact]
    public void ThreeInputs_Exported_ProbabilitiesMatchOnnxRuntimeOn10000Points()
    {
        var model = SpaceModel();
        var random = new Random(3);
        var (x, y, z) = (new float[Points], new float[Points], new float[Points]);
        var rows = new float[3 * Points];
        for (var i = 0; i < Points; i++)
        {
            x[i] = rows[3 * i] = 4 * random.NextSingle() - 2;
            y[i] = rows[3 * i + 1] = 4 * random.NextSingle() - 2;
            z[i] = rows[3 * i + 2] = 4 * random.NextSingle() + 1;
        }
        var ours = new float[2 * Points];
        new ForwardPass(model.Network).Predict(x, y, z, ours);

        var (theirs, width) = OnnxRuntimeOracle.Run(OnnxExport.Build(model).ToByteArray(), rows, dimensions: 3);

        Assert.Equal(2, width);
        double max = 0;
        for (var i = 0; i < Points; i++)
            for (var c = 0; c < 2; c++) max = Math.Max(max, Math.Abs(ours[c * Points + i] - theirs[i * 2 + c]));
        output.WriteLine($"3-input export: max |Δp| vs onnxruntime on {Points} points = {max:E2}");
        Assert.True(max <= 1e-5, $"max |Δp| = {max:E2}");
    }

    [Fact]
    public void ThreeInputs_ExportedThenImported_KeepsZAndItsScaling()
    {
        var model = SpaceModel();
        var path = Path.Combine(Path.GetTempPath(), $"space-{Guid.NewGuid():N}.onnx");
        try
        {
            OnnxExport.Save(path, model);
            var back = OnnxImport.Load(path);

            Assert.Equal(NetworkSpec.SpaceFeatures, back.Network.Spec.Features);
            Assert.Equal(model.Network.Spec.Scaling, back.Network.Spec.Scaling);
            Assert.Equal(model.Network.Parameters, back.Network.Parameters);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
