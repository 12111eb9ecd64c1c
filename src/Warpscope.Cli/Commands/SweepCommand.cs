using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Warpscope.Cli.Options;
using Warpscope.Cli.Output;
using Warpscope.Core;
using Warpscope.Core.Datasets;
using Warpscope.Core.IO;
using Warpscope.Core.Model;
using Warpscope.Core.Sessions;
using Warpscope.Core.Sweeps;
using Warpscope.Rendering.Sweeps;

namespace Warpscope.Cli.Commands;

/// <summary>
/// <c>warpscope sweep</c>: train every depth × width × seed on one dataset, on every core, resumably;
/// one slice of it on a scheduler's array task; and <c>sweep merge</c> to join the slices.
/// </summary>
internal static class SweepCommand
{
    public static Command Create(CliConsole console, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var data = new DatasetOptions();
        var training = new TrainingOptions();
        var depths = new Option<string>("--depths") { Description = "Numbers of hidden layers: a range 1..4 or a list 1,2,4", DefaultValueFactory = _ => "1..4" };
        var widths = new Option<string>("--widths") { Description = "Units per hidden layer: a list 2,3,4,8,16 or a range", DefaultValueFactory = _ => "2,3,4,8,16" };
        var seeds = new Option<int>("--seeds") { Description = "Runs per cell, seeded --seed, --seed+1, …", DefaultValueFactory = _ => 5 }.Within(1, SweepPlan.MaxSeeds);
        var activation = new Option<string>("--activation") { Description = "Activation of every hidden layer", DefaultValueFactory = _ => "tanh" };
        var output = new Option<string>("--out", "-o") { Description = "The sweep's folder (resumed when it holds the same sweep)", DefaultValueFactory = _ => "sweep" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Networks trained at once, each on one core", DefaultValueFactory = _ => Environment.ProcessorCount }.Within(1, 1024);
        var shard = new Option<string?>("--shard") { Description = "Run only slice i of n (i/n, from 0/n); merge the slices' folders with sweep merge" };
        var shards = new Option<int?>("--shards") { Description = "How many slices, with the index from JOB_COMPLETION_INDEX (Kubernetes) or SLURM_ARRAY_TASK_ID" };

        var command = new Command("sweep", "Train every depth × width × seed on a dataset: heatmap, thumbnails, CSV and JSON of all runs");
        data.AddTo(command);
        training.AddTo(command);
        foreach (var option in new Option[] { depths, widths, seeds, activation, output, jobs, shard, shards }) command.Options.Add(option);
        command.Subcommands.Add(MergeCommand(console));

        command.SetAction(parse =>
        {
            var config = training.ToConfig(parse);
            var hidden = SetupVocabulary.Activations(parse.GetRequiredValue(activation), 1, "--activation")[0];
            var plan = new SweepPlan(data.ToSpec(parse, config.Seed),
                SetupVocabulary.Counts(parse.GetRequiredValue(depths), "--depths", NetworkSpec.MaxLayers),
                SetupVocabulary.Counts(parse.GetRequiredValue(widths), "--widths", NetworkSpec.MaxUnits),
                parse.GetValue(seeds), config, hidden);
            var slice = SweepShard.Pick(parse.GetValue(shard), parse.GetValue(shards), environment);
            var folder = new SweepFolder(parse.GetRequiredValue(output));
            var dataset = DatasetFactory.Create(plan.Data); // a bad --data fails here, before the folder is made
            // The thumbnails are input views, and 3-D views colour classes only: refused before hours of training, not after.
            if (dataset.Dimensions == 3 && dataset.Task == LearningTask.Regression)
                throw new UserInputException($"--data {plan.Data.Name}: a sweep of 3-D regression data is not supported (3-D views colour classes only)") { Key = "data" };

            using var interrupt = new CancellationTokenSource();
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal =>
            {
                signal.Cancel = true;
                interrupt.Cancel();
                console.Error.WriteLine("warpscope: interrupted: finished runs are kept; run the same command again to resume");
            });
            var what = slice.IsWhole ? "sweep" : $"sweep shard {slice}";
            console.Out.WriteLine($"{what}: {plan}{(slice.IsWhole ? "" : $", {slice.Select(plan.Runs).Count} in this shard")}, {parse.GetValue(jobs)} at once, into {folder.Path}");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var report = SweepProgressView.Run(console, what, progress => new SweepRunner(plan, folder, dataset).Run(slice, parse.GetValue(jobs), progress, interrupt.Token));
            if (report.Stopped) return WarpscopeApp.Interrupted;
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{what}: trained {report.Trained} runs in {clock.Elapsed.TotalSeconds:F1} s{(report.Skipped > 0 ? $" ({report.Skipped} already finished, kept)" : "")}"));
            if (!slice.IsWhole)
            {
                console.Out.WriteLine($"shard {slice} done: when every shard is, join them with: warpscope sweep merge DIR… --out DIR");
                return WarpscopeApp.Ok;
            }
            Summarise(console, SweepResults.Load(plan, folder), dataset, folder);
            return WarpscopeApp.Ok;
        });
        return command;
    }

    private static Command MergeCommand(CliConsole console)
    {
        var inputs = new Argument<string[]>("folders") { Description = "The shards' sweep folders", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "The merged sweep's folder", Required = true };
        var command = new Command("merge", "Join the folders of a sweep's shards into the files an unsharded sweep writes") { inputs };
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var folders = parse.GetRequiredValue(inputs).Select(p => new SweepFolder(p)).ToList();
            var plan = folders[0].ReadPlan();
            foreach (var other in folders.Skip(1))
            {
                if (!other.ReadPlan().Equals(plan))
                    throw new UserInputException($"{other.ManifestPath}: a sweep with other settings than {folders[0].ManifestPath}; merge only shards of one sweep");
            }
            var target = new SweepFolder(parse.GetRequiredValue(output));
            target.Prepare(plan);
            var copied = 0;
            foreach (var run in plan.Runs)
            {
                if (target.Has(run)) continue;
                if (folders.FirstOrDefault(f => f.Has(run)) is not { } source) continue;
                var bytes = File.ReadAllBytes(source.RunPath(run));
                AtomicFile.Write(target.RunPath(run), s => s.Write(bytes));
                copied++;
            }
            var results = SweepResults.Load(plan, target);
            console.Out.WriteLine($"merged {folders.Count} folders: {plan.Runs.Count} runs ({copied} copied) into {target.Path}");
            Summarise(console, results, DatasetFactory.Create(plan.Data), target);
            return WarpscopeApp.Ok;
        });
        return command;
    }

    /// <summary>Writes runs.csv, runs.json, heatmap.png and thumbnails.png, and prints the table.</summary>
    private static void Summarise(CliConsole console, SweepResults results, Dataset data, SweepFolder folder)
    {
        AtomicFile.WriteAllText(folder.File("runs.csv"), results.Csv());
        var json = results.Json();
        AtomicFile.Write(folder.File("runs.json"), s => s.Write(json));
        using (var pictures = new SweepPictures()) pictures.Save(results, data, folder);
        console.Out.Write(Table(results));
        console.Out.WriteLine($"wrote {folder.File("heatmap.png")}, thumbnails.png, runs.csv, runs.json and runs/");
    }

    private static string Table(SweepResults results)
    {
        var plan = results.Plan;
        var text = new StringBuilder($"median {(results.OnTest ? "test" : "train")} {results.ScoreName} (min–max of {plan.Seeds} seeds)\n");
        text.Append("depth \\ width".PadRight(14));
        foreach (var w in plan.Widths) text.Append(w.ToString(CultureInfo.InvariantCulture).PadLeft(20));
        text.Append('\n');
        foreach (var d in plan.Depths)
        {
            text.Append(d.ToString(CultureInfo.InvariantCulture).PadRight(14));
            foreach (var w in plan.Widths)
            {
                var c = results.Cell(d, w);
                var range = results.Regression
                    ? string.Create(CultureInfo.InvariantCulture, $"{c.Min:F2}–{c.Max:F2}")
                    : string.Create(CultureInfo.InvariantCulture, $"{100 * c.Min:F0}–{100 * c.Max:F0}");
                text.Append($"{results.Show(c.Median)} ({range})".PadLeft(20));
            }
            text.Append('\n');
        }
        return text.ToString();
    }
}
