using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Warpscope.Core.Sweeps;

namespace Warpscope.Cli.Output;

/// <summary>
/// Shows a sweep as it goes: a live bar with an ETA (runs weighted by their size) in a terminal, or
/// a plain line at about every tenth of the work when output is redirected.
/// </summary>
internal static class SweepProgressView
{
    /// <summary>Runs <paramref name="work"/>, which reports through the action it is given.</summary>
    public static T Run<T>(CliConsole console, string what, Func<Action<SweepProgress>, T> work)
    {
        if (console.IsInteractive)
        {
            var result = default(T)!;
            AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    ProgressTask? task = null;
                    result = work(p =>
                    {
                        task ??= context.AddTask(what, maxValue: Math.Max(1, p.WorkTotal));
                        task.Value = p.WorkDone;
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"{what}: {p.Done}/{p.Total} runs");
                    });
                });
            return result;
        }
        var clock = Stopwatch.StartNew();
        var next = 0L;
        return work(p =>
        {
            if (p.WorkDone < next && p.Done < p.Total) return;
            next = p.WorkDone + Math.Max(1, p.WorkTotal / 10);
            var seconds = clock.Elapsed.TotalSeconds;
            var left = p.WorkDone > 0 ? seconds * (p.WorkTotal - p.WorkDone) / p.WorkDone : double.NaN;
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{what}: {p.Done}/{p.Total} runs, {seconds:F1} s{(p.Done < p.Total && double.IsFinite(left) ? $", about {left:F0} s left" : "")}"));
        });
    }
}
