using System.CommandLine;
using Warpscope.Core.IO;
using System.Globalization;
using Warpscope.Cli.Options;
using Warpscope.Cli.Output;
using Warpscope.Core;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Onnx;
using Warpscope.Core.Scenes;
using Warpscope.Core.Training;
using Warpscope.Rendering;

namespace Warpscope.Cli.Commands;

/// <summary>
/// <c>warpscope animate</c>: the staged morph through a network's layers, or a view changing as the
/// network trains, as GIF (built in) or MP4 / WebM / WebP (with ffmpeg).
/// </summary>
internal static class AnimateCommand
{
    public static Command Create(CliConsole console)
    {
        var model = new Argument<string?>("model") { Description = "A model file, .json or .onnx (else one is trained from the options)", Arity = ArgumentArity.ZeroOrOne };
        var job = new JobOptions();
        // A morph is the grid bending: on by default.
        var views = new ViewOptionsBinder(defaultGrid: 21);
        var mode = new Option<string>("--mode") { Description = "morph (through the layers) or training (a view as the network learns)", DefaultValueFactory = _ => "morph" };
        var frames = new Option<int>("--frames") { Description = "Frames, not counting held ones", DefaultValueFactory = _ => 120 }.Within(2, 5000);
        var fps = new Option<double>("--fps") { Description = "Frames per second", DefaultValueFactory = _ => 30 }.Within(1, 100);
        var hold = new Option<int>("--hold") { Description = "Extra frames to hold the first and the last frame", DefaultValueFactory = _ => 15 }.Within(0, 1000);
        var output = new Option<string>("--out", "-o") { Description = "The animation: .gif, or .mp4, .webm, .webp with ffmpeg", DefaultValueFactory = _ => "animation.gif" };

        var command = new Command("animate", "Animate the morph through a network's layers, or a view during training") { model };
        job.AddTo(command);
        views.AddTo(command);
        foreach (var option in new Option[] { mode, frames, fps, hold, output }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var path = parse.GetRequiredValue(output);
            // Checked before any training or drawing: a bad --out must not throw the work away at the end.
            PendingFile.Check(path, out _);
            var count = parse.GetValue(frames);
            var size = parse.GetValue(views.Size);
            var which = parse.GetRequiredValue(mode).Trim().ToLowerInvariant();
            if (which is not ("morph" or "training")) throw new UserInputException($"--mode: '{which}' is not morph or training");

            var modelPath = parse.GetValue(model);
            var trained = modelPath is not null ? ModelFiles.Load(modelPath) : null;
            int Write(IReadOnlyList<ViewOptions> options, Func<int, IReadOnlyList<Scene>> frameAt)
            {
                var width = size * options.Count;
                FrameProgressView.Run(console, which, count, report =>
                    AnimationExport.Write(path, width, size, parse.GetValue(fps), count, frameAt, parse.GetValue(hold), parse.GetValue(hold), report));
                console.Out.WriteLine($"wrote {path} ({count} frames, {width}×{size})");
                return WarpscopeApp.Ok;
            }
            // The model's data, made again once (a file is located and hashed, or a generator run).
            string? missing = null;
            var data = trained?.RecreateDataset(out missing, modelPath);
            if (trained is not null && which == "morph" && data is null)
            {
                // A model that carries no data (an ONNX file) morphs without points, as render draws it.
                console.Error.WriteLine($"warpscope: drawing without data points: {missing}");
                var bare = views.Build(parse, trained.Network);
                var input = trained.InputDomain(null);
                var bareView = new ModelView(trained.Network, trained.ClassNames, null, input);
                var morphs = bare.Select(bareView.Morph).ToList();
                return Write(bare, i => [.. morphs.Select(s => s.Frame(i, count))]);
            }
            // A morph draws the model as it is; a training animation replays the model's own training from its start.
            var (trainingJob, dataset) = trained is null ? job.Build(parse) : FromModel(trained, data, missing, modelPath!, keepWeights: which == "morph");
            var session = new TrainingSession(trainingJob, dataset);
            var classNames = dataset.ClassNames;
            var domain = dataset.Domain;
            var options = views.Build(parse, session.Network);
            Func<int, IReadOnlyList<Scene>> frameAt;
            if (which == "morph")
            {
                if (trained is null)
                {
                    console.Error.WriteLine($"training {trainingJob.Network} on {trainingJob.Dataset.Name} first…");
                    session.Run();
                }
                var sequences = options.Select(ModelView.Of(session).Morph).ToList();
                frameAt = i => [.. sequences.Select(s => s.Frame(i, count))];
            }
            else
            {
                var timeline = TrainingTimeline.RecordForFrames(session, count);
                frameAt = i =>
                {
                    var (then, snapshot) = ModelView.Of(session).Replay(timeline.Snapshots, i, count);
                    var fit = then.TrainEvaluation();
                    var title = dataset.Task == LearningTask.Regression
                        ? string.Create(CultureInfo.InvariantCulture, $"epoch {snapshot.Epoch}, step {snapshot.Step}: train MSE {fit.Loss:G3}, R² {fit.RSquared:F3}")
                        : string.Create(CultureInfo.InvariantCulture, $"epoch {snapshot.Epoch}, step {snapshot.Step}: train {100 * fit.Accuracy:F1}%");
                    return [.. options.Select(v => then.View(v with { Title = v.Title ?? title }))];
                };
            }

            return Write(options, frameAt);
        });
        return command;
    }

    /// <summary>A model's own training job: the same data, shape, config and seed made it.</summary>
    private static (TrainingJob, Dataset) FromModel(TrainedModel model, Dataset? data, string? problem, string modelPath, bool keepWeights)
    {
        if (model.Dataset is null)
        {
            throw new UserInputException(
                $"{modelPath}: --mode training replays the model's training, and the file records none (an ONNX model); use --mode morph, or train it on data with warpscope train --init {modelPath}");
        }
        if (data is null) throw new UserInputException($"{modelPath}: its data cannot be found or made again: {problem}");
        var training = model.Training ?? new TrainingConfig();
        return (new TrainingJob(model.Dataset!, model.Network.Spec, training, model.Seed, model.Initialization, keepWeights ? model : null), data);
    }
}
