using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Warpscope.Onnx.Tests;

/// <summary>ONNX Runtime as the independent judge: runs a model's bytes on points and returns its one output.</summary>
internal static class OnnxRuntimeOracle
{
    /// <summary>points: [n][2] row-major (x, y); returns the output [n][k] row-major and k.</summary>
    public static (float[] Values, int Width) Run(byte[] model, float[] points)
    {
        using var session = new InferenceSession(model);
        var n = points.Length / 2;
        var input = new DenseTensor<float>(points, [n, 2]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.Single(), input)]);
        var output = results.Single().AsTensor<float>();
        return (output.ToArray(), output.Dimensions[1]);
    }
}
