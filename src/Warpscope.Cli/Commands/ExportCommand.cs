using System.CommandLine;
using Warpscope.Cli.Output;
using Warpscope.Core;
using Warpscope.Core.IO;
using Warpscope.Core.Model;
using Warpscope.Core.ModelFiles;
using Warpscope.Onnx;

namespace Warpscope.Cli.Commands;

/// <summary><c>warpscope export</c>: a model as ONNX (or an ONNX model as Warpscope's JSON), written atomically.</summary>
internal static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Argument<string>("model") { Description = "A model file: .json (warpscope train) or .onnx" };
        var output = new Option<string?>("--out", "-o") { Description = "The file to write: .onnx, or .json for Warpscope's own format (default: the model's name with .onnx, or .json for an ONNX model)" };
        var command = new Command("export", "Write a model as ONNX (for onnxruntime, PyTorch, …) or as Warpscope's JSON") { model };
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var modelPath = parse.GetRequiredValue(model);
            var path = parse.GetValue(output) ?? Path.ChangeExtension(modelPath, ModelFiles.IsOnnx(modelPath) ? ".json" : ".onnx");
            var toOnnx = ModelFiles.IsOnnx(path);
            if (!toOnnx && !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                throw new UserInputException($"--out: '{path}' ends in neither .onnx nor .json");
            if (Path.GetFullPath(path) == Path.GetFullPath(modelPath))
                throw new UserInputException($"--out: '{path}' is the model itself");
            PendingFile.Check(path, out _);
            var trained = ModelFiles.Load(modelPath);
            if (toOnnx) OnnxExport.Save(path, trained);
            else ModelFile.Save(path, trained);
            console.Out.WriteLine($"wrote {path} ({trained.Network.Spec}, {new FileInfo(path).Length:N0} bytes)");
            return WarpscopeApp.Ok;
        });
        return command;
    }
}
