using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Warpscope.Cli.Options;
using Warpscope.Cli.Output;
using Warpscope.Core.Datasets;
using Warpscope.Core.Diagnostics;
using Warpscope.Core.IO;
using Warpscope.Core.Model;
using Warpscope.Core.ModelFiles;
using Warpscope.Core.Representations;
using Warpscope.Core.Training;

namespace Warpscope.Cli.Commands;

/// <summary><c>warpscope train</c>: train a network on a dataset and save it as a model file.</summary>
internal static class TrainCommand
{
    public static Command Create(CliConsole console)
    {
        var job = new JobOptions();
        var output = new Option<string>("--out", "-o") { Description = "Where to save the trained model", DefaultValueFactory = _ => "model.json" };
        var json = new Option<bool>("--json") { Description = "End with one JSON object of the results on stdout (progress goes to stderr)" };

        var command = new Command("train", "Train a network and save it as a model file");
        job.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(json);

        command.SetAction(parse =>
        {
            var outPath = parse.GetRequiredValue(output);
            // Checked before the first step: a bad --out must not waste a whole training at its end.
            PendingFile.Check(outPath, out _);
            var (trainingJob, dataset) = job.Build(parse);
            var session = new TrainingSession(trainingJob, dataset);
            var asJson = parse.GetValue(json);

            // Ctrl-C once: stop after the current step and save what was learnt; twice: stop at once.
            using var interrupt = new CancellationTokenSource();
            var presses = 0;
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal =>
            {
                if (Interlocked.Increment(ref presses) > 1) return; // the default: the process ends now
                signal.Cancel = true;
                interrupt.Cancel();
                console.Error.WriteLine("warpscope: interrupted: stopping after this step and saving the weights (Ctrl-C again to stop at once)");
            });

            TrainingDivergedException? diverged = null;
            try
            {
                TrainingProgressView.Run(session, asJson ? new CliConsole(console.Error, console.Error) : console, asJson ? console.Error : console.Out, interrupt.Token);
            }
            catch (TrainingDivergedException e)
            {
                diverged = e;
            }
            var model = session.ToModel();
            ModelFile.Save(outPath, model);
            if (interrupt.IsCancellationRequested)
            {
                console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"warpscope: interrupted after {model.Metrics!.Epochs} epochs ({model.Metrics.Steps} steps): saved {outPath} ({(dataset.Task == LearningTask.Regression ? $"train MSE {model.Metrics.Loss:G4}" : $"train accuracy {100 * model.Metrics.TrainAccuracy:F1}%")})"));
                return WarpscopeApp.Interrupted;
            }
            var metrics = model.Metrics!;
            if (dataset.Task == LearningTask.Regression)
            {
                ReportRegression(console, asJson, session, trainingJob, dataset, metrics, outPath, diverged is not null);
                if (diverged is not null) throw diverged;
                return WarpscopeApp.Ok;
            }
            var probes = LayerProbes.Measure(session.Network, dataset);
            var topology = Topology.Diagnose(session.Network, dataset);
            if (asJson)
            {
                console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    trainAccuracy = metrics.TrainAccuracy,
                    testAccuracy = double.IsNaN(metrics.TestAccuracy) ? (double?)null : metrics.TestAccuracy,
                    loss = metrics.Loss,
                    epochs = metrics.Epochs,
                    steps = metrics.Steps,
                    seconds = Math.Round(session.Seconds, 3),
                    parameters = session.Network.ParameterCount,
                    diverged = diverged is not null,
                    model = outPath,
                    probes = probes.Select(p => new { layer = p.Layer, units = p.Units, accuracy = Math.Round(p.Accuracy, 6), margin = Math.Round(p.Margin, 6) }),
                    topology = new
                    {
                        layers = topology.Layers.Select(l => new { layer = l.Layer, inputs = l.Inputs, units = l.Units, rank = l.Rank, determinant = l.Determinant, folds = l.Folds }),
                        encloses = topology.Enclosure is { } e ? new { outer = dataset.ClassNames[e.Outer], inner = dataset.ClassNames[e.Inner] } : null,
                        warning = topology.Warning,
                    },
                }));
                if (topology.Warning is { } warning) console.Error.WriteLine($"warpscope: warning: {warning}");
            }
            else
            {
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"trained {trainingJob.Network} on {Describe(trainingJob.Dataset, dataset)}: {metrics.Epochs} epochs, {metrics.Steps} steps in {session.Seconds:F2} s"));
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"train accuracy {100 * metrics.TrainAccuracy:F1}%  test accuracy {(double.IsNaN(metrics.TestAccuracy) ? "-" : $"{100 * metrics.TestAccuracy:F1}%")}  loss {metrics.Loss:F4}  ({session.Network.ParameterCount} parameters)"));
                console.Out.WriteLine(Describe(probes, dataset));
                foreach (var layer in topology.Layers) console.Out.WriteLine(Describe(layer));
                if (topology.Warning is { } warning) console.Out.WriteLine($"warning: {warning}");
                console.Out.WriteLine($"saved {outPath}");
            }
            if (diverged is not null) throw diverged;
            return WarpscopeApp.Ok;
        });
        return command;
    }

    /// <summary>
    /// A regression run's figures: mean squared error (in the target's units), its root and R², train and
    /// test. Linear probes and the enclosure check ask which class a point is, so they are left out.
    /// </summary>
    private static void ReportRegression(CliConsole console, bool asJson, TrainingSession run, TrainingJob job, Dataset dataset, ModelMetrics metrics, string outPath, bool diverged)
    {
        static double? Finite(double v) => double.IsFinite(v) ? v : null;
        if (asJson)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                task = "regression",
                trainMse = Finite(metrics.Loss),
                testMse = Finite(metrics.TestLoss),
                trainR2 = Finite(metrics.TrainRSquared),
                testR2 = Finite(metrics.TestRSquared),
                epochs = metrics.Epochs,
                steps = metrics.Steps,
                seconds = Math.Round(run.Seconds, 3),
                parameters = run.Network.ParameterCount,
                diverged,
                model = outPath,
            }));
            return;
        }
        static string Figure(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trained {job.Network} on {job.Dataset.Name} ({dataset.Train.Count} train / {dataset.Test.Count} test points, regression of '{dataset.ClassNames[0]}'): {metrics.Epochs} epochs, {metrics.Steps} steps in {run.Seconds:F2} s"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"train MSE {Figure(metrics.Loss, "G4")} (RMSE {Figure(Math.Sqrt(metrics.Loss), "G4")}, R² {Figure(metrics.TrainRSquared, "F4")})  test MSE {Figure(metrics.TestLoss, "G4")} (RMSE {Figure(Math.Sqrt(metrics.TestLoss), "G4")}, R² {Figure(metrics.TestRSquared, "F4")})  ({run.Network.ParameterCount} parameters)"));
        console.Out.WriteLine($"saved {outPath}");
    }

    private static string Describe(IReadOnlyList<LayerProbe> probes, Dataset dataset) =>
        $"linear probes on {LayerProbes.Sample(dataset).Count} {(dataset.Source is null && DatasetRegistry.TryGet(dataset.Spec.Name, out _) ? "fresh" : "held-out")} points: " +
        string.Join("  ", probes.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{(p.Layer == 0 ? "input" : $"layer {p.Layer}")} {100 * p.Accuracy:F1}% (margin {p.Margin:F3})")));

    private static string Describe(LayerTopology layer)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"layer {layer.Layer}: {layer.Inputs} → {layer.Units} units, rank {layer.Rank}");
        if (layer.Determinant is { } det) text += string.Create(CultureInfo.InvariantCulture, $", det W {det:G3}{(det < 0 ? " (mirrors)" : "")}");
        if (layer.Folds is { } folds) text += $", {folds} ReLU fold{(folds == 1 ? "" : "s")}";
        return text;
    }

    private static string Describe(DatasetSpec spec, Dataset dataset) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{spec.Name} ({dataset.Train.Count} train / {dataset.Test.Count} test points, {dataset.ClassCount} classes)");
}
