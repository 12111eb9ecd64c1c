using Spectre.Console;

namespace Warpscope.Cli.Output;

/// <summary>
/// Where a command writes: the process's streams or, in tests, string writers. Live progress bars
/// only when standard output is a real terminal; otherwise plain lines.
/// </summary>
public sealed class CliConsole(TextWriter output, TextWriter error)
{
    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;

    public bool IsInteractive =>
        ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
}
