using Spectre.Console;

namespace Warpscope.Cli.Output;

/// <summary>Shows frames rendered so far: a live bar in a terminal, a plain line every tenth otherwise.</summary>
internal static class FrameProgressView
{
    /// <summary>Runs <paramref name="work"/>, which reports each finished frame's count through the action it is given.</summary>
    public static void Run(CliConsole console, string what, int frames, Action<Action<int>> work)
    {
        if (console.IsInteractive)
        {
            AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask(what, maxValue: frames);
                    work(done => task.Value = done);
                });
            return;
        }
        var step = Math.Max(1, frames / 10);
        work(done =>
        {
            if (done % step == 0 || done == frames) console.Out.WriteLine($"{what}: frame {done}/{frames}");
        });
    }
}
