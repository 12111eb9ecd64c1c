using System.Text.RegularExpressions;

namespace Warpscope.Cli.Tests;

/// <summary>
/// Every option of train, render and animate given values that do not parse, overflow, or are not finite
/// (issue 13: these crashed with a stack trace and exit 134): each run ends either with success or with one
/// line naming the option and exit 2, never an exception.
/// </summary>
public class BadArgumentTests
{
    private static readonly string[] Values = ["abc", "1e12", "3000000000", "-3000000000", "inf", "-inf", "NaN", "1.5", "-1", "", "1e39", "0x10", "½"];

    private static readonly Lazy<string> Model = new(() =>
    {
        var path = CliRunner.TempPath("bad-args-model.json");
        Assert.Equal(0, CliRunner.Run("train", "--points", "40", "--layers", "3,2", "--epochs", "1", "--out", path).ExitCode);
        return path;
    });

    public static TheoryData<string> Commands() => new() { "train", "render", "animate" };

    [Theory]
    [MemberData(nameof(Commands))]
    public void EveryOption_AnyBadValue_OneLineAndExit2_OrSuccess(string command)
    {
        var options = Regex.Matches(CliRunner.Run(command, "--help").Out, @"(?<=\s)--[a-z][a-z0-9-]*").Select(m => m.Value)
            .Where(o => o is not "--help" and not "--version").Distinct().ToList();
        Assert.True(options.Count >= 8, string.Join(" ", options));
        var tried = 0;
        var refused = 0;
        foreach (var option in options)
        {
            foreach (var value in Values)
            {
                var output = CliRunner.TempPath(command == "train" ? "m.json" : command == "render" ? "v.png" : "a.gif");
                string[] args = [command, .. Baseline(command, option, output), option, value];
                var result = CliRunner.Run(args);
                tried++;
                var said = $"{command} {option} '{value}': exit {result.ExitCode}, stderr: {result.Error}";
                Assert.True(result.ExitCode is 0 or 2, said);
                Assert.DoesNotContain("Exception", result.Error);
                Assert.DoesNotContain("   at ", result.Error);
                if (result.ExitCode == 2)
                {
                    refused++;
                    Assert.Single(result.Error.TrimEnd().Split('\n'));
                    Assert.StartsWith($"warpscope", result.Error);
                }
                File.Delete(output);
            }
        }
        Assert.True(tried >= 100, $"{tried} runs");
        Assert.True(refused >= tried / 3, $"{refused} of {tried} refused: the runs reach the options");
    }

    /// <summary>Arguments that make a run that succeeds cheap, less the option under test.</summary>
    private static IEnumerable<string> Baseline(string command, string option, string output)
    {
        (string Option, string Value)[] cheap = command switch
        {
            "train" => [("--points", "20"), ("--epochs", "0"), ("--layers", "2"), ("--out", output)],
            "render" => [("--size", "64"), ("--cells", "8"), ("--out", output)],
            _ => [("--size", "64"), ("--frames", "2"), ("--cells", "8"), ("--out", output)],
        };
        if (command != "train") yield return Model.Value;
        foreach (var (o, v) in cheap)
        {
            if (o == option || (option == "-o" && o == "--out")) continue;
            yield return o;
            yield return v;
        }
    }
}
