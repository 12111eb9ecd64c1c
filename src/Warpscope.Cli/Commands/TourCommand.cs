using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Warpscope.Cli.Output;
using Warpscope.Tour;

namespace Warpscope.Cli.Commands;

/// <summary><c>warpscope tour</c>: train and draw the classic scenes of how networks warp space, as a gallery.</summary>
internal static class TourCommand
{
    public static Command Create(CliConsole console)
    {
        var output = new Option<string>("--out", "-o") { Description = "The gallery's folder", DefaultValueFactory = _ => "warpscope-tour" };
        var quick = new Option<bool>("--quick") { Description = "Fewer points, frames and pixels: a first look in seconds" };
        var seed = new Option<int>("--seed") { Description = "Seed of every dataset and network of the tour", DefaultValueFactory = _ => 1 };
        var command = new Command("tour", "Train and draw the classic scenes of how networks warp space, as a gallery (index.html)");
        command.Options.Add(output);
        command.Options.Add(quick);
        command.Options.Add(seed);
        command.SetAction(parse =>
        {
            var settings = new TourSettings(parse.GetRequiredValue(output), parse.GetValue(quick), parse.GetValue(seed));
            var clock = Stopwatch.StartNew();
            IReadOnlyList<TourSceneResult> scenes = [];
            if (console.IsInteractive)
            {
                // A live status line in a terminal: what the tour trains or draws right now.
                AnsiConsole.Status().Start("starting the tour", context =>
                    scenes = new TourRunner(settings, line => context.Status(Markup.Escape(line))).Run());
            }
            else
            {
                scenes = new TourRunner(settings, line => console.Error.WriteLine(line)).Run();
            }
            Gallery.Write(settings, scenes);
            foreach (var scene in scenes) console.Out.WriteLine($"{scene.Number}. {scene.Title}: {scene.Caption}");
            var index = Path.GetFullPath(Path.Combine(settings.Folder, "index.html"));
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tour written in {clock.Elapsed.TotalSeconds:F1} s: open {index}"));
            return WarpscopeApp.Ok;
        });
        return command;
    }
}
