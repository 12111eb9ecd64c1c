namespace Warpscope.Cli.Tests;

/// <summary>Runs the warpscope command in process and captures what it prints.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = WarpscopeApp.Run(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }

    public static string TempPath(string name) =>
        Path.Combine(Path.GetTempPath(), $"warpscope-cli-{Guid.NewGuid():N}-{name}");
}
