using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Warpscope.Core.Training;

namespace Warpscope.Cli.Output;

/// <summary>
/// Shows a training session as it goes: a live bar (epoch, loss, train and test accuracy) in a terminal,
/// or a plain line about every tenth of the training (and at least every 2 s) when output is redirected.
/// </summary>
internal static class TrainingProgressView
{
    public static void Run(TrainingSession session, CliConsole console, TextWriter plain, CancellationToken cancel = default)
    {
        if (console.IsInteractive) RunLive(session, cancel);
        else RunPlain(session, plain, cancel);
    }

    private static void RunLive(TrainingSession session, CancellationToken cancel)
    {
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Describe(session, double.NaN), maxValue: Math.Max(1, session.Total));
                var clock = Stopwatch.StartNew();
                var last = TimeSpan.Zero;
                session.Run(p =>
                {
                    task.Value = session.Done;
                    if (clock.Elapsed - last < TimeSpan.FromMilliseconds(100) && session.Done < session.Total) return;
                    last = clock.Elapsed;
                    task.Description = Describe(session, p.Loss);
                }, cancel);
                task.Value = session.Total;
                task.Description = Describe(session, session.TrainFigures.Loss);
            });
    }

    private static void RunPlain(TrainingSession session, TextWriter writer, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        var every = Math.Max(1, session.Total / 10);
        var next = every;
        session.Run(p =>
        {
            if (session.Done < next && clock.Elapsed - last < TimeSpan.FromSeconds(2) && session.Done < session.Total) return;
            while (next <= session.Done) next += every;
            last = clock.Elapsed;
            writer.WriteLine(Describe(session, p.Loss));
        }, cancel);
    }

    private static string Describe(TrainingSession session, double loss)
    {
        var unit = session.Job.Training.Steps is null ? "epoch" : "step";
        session.Evaluate();
        if (session.Network.Spec.IsRegression)
        {
            // The loss trained on is in standardised units for a CSV target; the MSE is in the target's own.
            var trainMse = session.TrainFigures.Loss;
            var testMse = session.TestFigures.Loss;
            return string.Create(CultureInfo.InvariantCulture,
                $"{unit} {session.Done}/{session.Total}  loss {loss:F4}  train MSE {trainMse:G4}  test MSE {(double.IsNaN(testMse) ? "-" : testMse.ToString("G4", CultureInfo.InvariantCulture))}");
        }
        var train = session.TrainFigures.Accuracy;
        var test = session.TestFigures.Accuracy;
        return string.Create(CultureInfo.InvariantCulture,
            $"{unit} {session.Done}/{session.Total}  loss {loss:F4}  train {100 * train:F1}%  test {(double.IsNaN(test) ? "-" : $"{100 * test:F1}%")}");
    }
}
