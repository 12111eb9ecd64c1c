using System.CommandLine;
using Warpscope.Cli.Options;
using Warpscope.Cli.Output;
using Warpscope.Core.Model;
using Warpscope.Core.Scenes;
using Warpscope.Rendering;

namespace Warpscope.Cli.Commands;

/// <summary><c>warpscope render</c>: a picture (PNG or SVG) of a model's input space or hidden layers.</summary>
internal static class RenderCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Argument<string>("model") { Description = "A model file written by warpscope train" };
        var views = new ViewOptionsBinder();
        var output = new Option<string>("--out", "-o") { Description = "The picture: .png or .svg", DefaultValueFactory = _ => "view.png" };
        var command = new Command("render", "Draw a model's input space or a hidden layer's warped space as PNG or SVG") { model };
        views.AddTo(command);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var trained = ModelFile.Load(parse.GetRequiredValue(model));
            var data = trained.RecreateDataset(out var problem);
            if (problem is not null) console.Error.WriteLine($"warpscope: drawing without data points: {problem}");
            var domain = trained.InputDomain(data);
            var scenes = views.Build(parse, trained.Network)
                .Select(v => SceneFactory.Build(trained.Network, trained.ClassNames, data, domain, v))
                .ToList();
            var size = parse.GetValue(views.Size);
            var path = parse.GetRequiredValue(output);
            using var renderer = new SceneRenderer();
            renderer.Save(path, scenes, size * scenes.Count, size);
            console.Out.WriteLine($"wrote {path} ({size * scenes.Count}×{size})");
            return WarpscopeApp.Ok;
        });
        return command;
    }
}
