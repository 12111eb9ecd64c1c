using System.CommandLine;
using Warpscope.Cli.Commands;
using Warpscope.Cli.Output;
using Warpscope.Core;
using Warpscope.Core.Training;

namespace Warpscope.Cli;

/// <summary>
/// The <c>warpscope</c> command: one verb per file under Commands/. User mistakes print one line to
/// stderr and exit 2; a diverging run exits 3; nothing a user can cause prints a stack trace.
/// </summary>
public static class WarpscopeApp
{
    public const int Ok = 0;
    public const int UserError = 2;
    public const int Diverged = 3;

    /// <summary>Stopped by Ctrl-C (128 + SIGINT), after saving what there was.</summary>
    public const int Interrupted = 130;

    /// <summary>The command tree: one verb per file under Commands/.</summary>
    internal static RootCommand Root(CliConsole console) => new("Warpscope: see how a neural network warps space.")
    {
        TrainCommand.Create(console),
        RenderCommand.Create(console),
        AnimateCommand.Create(console),
        PredictCommand.Create(console),
        ExportCommand.Create(console),
        TourCommand.Create(console),
        ServeCommand.Create(console),
        SweepCommand.Create(console),
    };

    /// <summary>The one line a command line that does not parse gets, or null when it parses.</summary>
    internal static string? ParseError(RootCommand root, ParseResult parse)
    {
        if (parse.Errors.Count == 0) return null;
        // The whole verb ("warpscope sweep merge"), from the root down.
        var names = new List<string>();
        for (var r = parse.CommandResult; r.Command != root; r = (System.CommandLine.Parsing.CommandResult)r.Parent!) names.Insert(0, r.Command.Name);
        var verb = string.Join(' ', ["warpscope", .. names]);
        // An unknown word explains more than "required command was not provided", which comes first;
        // a range check's own words ("--epochs must be …") before the parser's about the same value.
        var first = parse.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal))
            ?? parse.Errors.FirstOrDefault(e => e.Message.StartsWith("--", StringComparison.Ordinal))
            ?? parse.Errors[0];
        return UserInputException.OneLine($"{verb}: {Options.OptionValidation.Friendly(first.Message)} (see {verb} --help)");
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var console = new CliConsole(output, error);
        var root = Root(console);
        var parse = root.Parse(args);
        if (ParseError(root, parse) is { } problem)
        {
            error.WriteLine(problem);
            return UserError;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UserInputException e)
        {
            error.WriteLine($"warpscope: {e.Message}");
            return UserError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A path that cannot be written or read: the user's to fix, so no stack trace.
            error.WriteLine($"warpscope: {e.Message}");
            return UserError;
        }
        catch (TrainingDivergedException e)
        {
            error.WriteLine($"warpscope: {e.Message}");
            return Diverged;
        }
    }
}
