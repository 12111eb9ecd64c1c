using Warpscope.Core.Model;
using Warpscope.Core.ModelFiles;
using Warpscope.Core.Training;

namespace Warpscope.Onnx;

/// <summary>Every model file a command takes: Warpscope's own JSON (docs/model-format.md), or ONNX by its .onnx extension.</summary>
public static class ModelFiles
{
    public static bool IsOnnx(string path) => path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);

    public static TrainedModel Load(string path) => IsOnnx(path) ? OnnxImport.Load(path) : ModelFile.Load(path);
}
