using System.CommandLine;
using System.Text.Json;
using Warpscope.Cli.Options;
using Warpscope.Cli.Output;
using Warpscope.Core;
using Warpscope.Core.Datasets;
using Warpscope.Core.IO;
using Warpscope.Core.Model;
using Warpscope.Core.Representations;
using Warpscope.Core.Scenes;
using Warpscope.Core.Training;
using Warpscope.Onnx;
using Warpscope.Rendering;

namespace Warpscope.Cli.Commands;

/// <summary><c>warpscope render</c>: a picture (PNG or SVG) of a model's input space or hidden layers.</summary>
internal static class RenderCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Argument<string>("model") { Description = "A model file: .json (warpscope train) or .onnx" };
        // No grid unless asked: in a trained, saturated layer its lines tangle over the carried sheet.
        var views = new ViewOptionsBinder(defaultGrid: 0);
        var output = new Option<string>("--out", "-o") { Description = "The picture: .png or .svg", DefaultValueFactory = _ => "view.png" };
        var stats = new Option<bool>("--stats")
        {
            Description = "End with one JSON object on stdout: carriedDisagreement (last hidden layer), saturation and each panel's figures",
        };
        var command = new Command("render", "Draw a model's input space or a hidden layer's warped space as PNG or SVG") { model };
        views.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(stats);
        command.SetAction(parse =>
        {
            // A picture that cannot be written is refused before the model is read and drawn.
            PendingFile.Check(parse.GetRequiredValue(output), out _);
            var modelPath = parse.GetRequiredValue(model);
            var trained = ModelFiles.Load(modelPath);
            var data = trained.RecreateDataset(out var problem, modelPath);
            if (problem is not null) console.Error.WriteLine($"warpscope: drawing without data points: {problem}");
            if (string.Equals(parse.GetRequiredValue(views.View).Trim(), "probes", StringComparison.OrdinalIgnoreCase))
            {
                if (trained.Network.Spec.IsRegression)
                    throw new UserInputException("--view probes: a linear probe asks which class a point is; a regression model has no classes") { Key = "view" };
                return RenderProbes(console, trained, data, parse.GetRequiredValue(output), parse.GetValue(views.Size));
            }
            if (parse.GetValue(stats) && trained.Network.Spec.IsRegression)
                throw new UserInputException("--stats: the figures compare class fields; a regression model has none") { Key = "stats" };
            var domain = trained.InputDomain(data);
            var options = views.Build(parse, trained.Network);
            var view = new ModelView(trained.Network, trained.ClassNames, data, domain);
            var scenes = options.Select(view.View).ToList();
            var size = parse.GetValue(views.Size);
            var path = parse.GetRequiredValue(output);
            using var renderer = new SceneRenderer();
            renderer.Save(path, scenes, size * scenes.Count, size);
            if (!parse.GetValue(stats))
            {
                console.Out.WriteLine($"wrote {path} ({size * scenes.Count}×{size})");
                return WarpscopeApp.Ok;
            }
            console.Error.WriteLine($"wrote {path} ({size * scenes.Count}×{size})");
            var panels = scenes.Select((s, i) => ViewStats.Of(trained.Network, s, options[i].FieldResolution)).ToList();
            var last = LayerMaps.HiddenLayers(trained.Network);
            console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                carriedDisagreement = panels.FirstOrDefault(p => p.Layer == last && last > 0)?.CarriedDisagreement,
                saturation = panels.Where(p => p.Layer > 0).Select(p => new { layer = p.Layer, share = p.Saturation }),
                panels = panels.Select(p => new
                {
                    layer = p.Layer,
                    carriedDisagreement = p.CarriedDisagreement,
                    saturation = p.Saturation,
                    pointsNearEdge = p.PointsNearEdge,
                    cells = p.Cells,
                }),
            }));
            return WarpscopeApp.Ok;
        });
        return command;
    }

    /// <summary>--view probes: a chart of each layer's linear probe, on fresh points of the model's data.</summary>
    private static int RenderProbes(CliConsole console, TrainedModel trained, Dataset? data, string path, int size)
    {
        if (data is null) throw new UserInputException("--view probes: the model's data cannot be recreated, and probes need points");
        var probes = LayerProbes.Measure(trained.Network, data);
        var sample = LayerProbes.Sample(data).Count;
        using var chart = new ProbeChart();
        var width = Math.Max(size, size * (probes.Count + 1) / 5);
        chart.Save(path, probes, data.ClassCount, $"{trained.Network.Spec} on {data.Spec.Name}: {sample} points it did not train on", width, size);
        console.Out.WriteLine($"wrote {path} ({width}×{size})");
        return WarpscopeApp.Ok;
    }
}
