using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Warpscope.Core.Training;

namespace Warpscope.Cli.Output;

/// <summary>
/// Shows a training run as it goes: a live bar (epoch, loss, train and test accuracy) in a terminal,
/// or a plain line about every tenth of the run (and at least every 2 s) when output is redirected.
/// </summary>
internal static class TrainingProgressView
{
    public static void Run(TrainingRun run, CliConsole console, TextWriter plain, CancellationToken cancel = default)
    {
        if (console.IsInteractive) RunLive(run, cancel);
        else RunPlain(run, plain, cancel);
    }

    private static void RunLive(TrainingRun run, CancellationToken cancel)
    {
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Describe(run, double.NaN), maxValue: Math.Max(1, run.Total));
                var clock = Stopwatch.StartNew();
                var last = TimeSpan.Zero;
                run.Run(p =>
                {
                    task.Value = run.Done;
                    if (clock.Elapsed - last < TimeSpan.FromMilliseconds(100) && run.Done < run.Total) return;
                    last = clock.Elapsed;
                    task.Description = Describe(run, p.Loss);
                }, cancel);
                task.Value = run.Total;
                task.Description = Describe(run, run.EvaluateTrain().Loss);
            });
    }

    private static void RunPlain(TrainingRun run, TextWriter writer, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        var every = Math.Max(1, run.Total / 10);
        var next = every;
        run.Run(p =>
        {
            if (run.Done < next && clock.Elapsed - last < TimeSpan.FromSeconds(2) && run.Done < run.Total) return;
            while (next <= run.Done) next += every;
            last = clock.Elapsed;
            writer.WriteLine(Describe(run, p.Loss));
        }, cancel);
    }

    private static string Describe(TrainingRun run, double loss)
    {
        var unit = run.Job.Training.Steps is null ? "epoch" : "step";
        if (run.Network.Spec.IsRegression)
        {
            // The loss trained on is in standardised units for a CSV target; the MSE is in the target's own.
            var trainMse = run.EvaluateTrain().Loss;
            var testMse = run.EvaluateTest().Loss;
            return string.Create(CultureInfo.InvariantCulture,
                $"{unit} {run.Done}/{run.Total}  loss {loss:F4}  train MSE {trainMse:G4}  test MSE {(double.IsNaN(testMse) ? "-" : testMse.ToString("G4", CultureInfo.InvariantCulture))}");
        }
        var train = run.EvaluateTrain().Accuracy;
        var test = run.EvaluateTest().Accuracy;
        return string.Create(CultureInfo.InvariantCulture,
            $"{unit} {run.Done}/{run.Total}  loss {loss:F4}  train {100 * train:F1}%  test {(double.IsNaN(test) ? "-" : $"{100 * test:F1}%")}");
    }
}
