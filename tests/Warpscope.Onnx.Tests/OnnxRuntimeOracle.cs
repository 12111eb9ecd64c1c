using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Warpscope.Onnx.Tests;

/// <summary>ONNX Runtime as the independent judge: runs a model's bytes on points and returns its one output.</summary>
internal static class OnnxRuntimeOracle
{
    /// <summary>points: [n][d] row-major (x, y) or, with d = 3, (x, y, z); returns the output [n][k] row-major and k.</summary>
    public static (float[] Values, int Width) Run(byte[] model, float[] points, int dimensions = 2)
    {
        using var session = new InferenceSession(model);
        var n = points.Length / dimensions;
        var input = new DenseTensor<float>(points, [n, dimensions]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.Single(), input)]);
        var output = results.Single().AsTensor<float>();
        return (output.ToArray(), output.Dimensions[1]);
    }
}
