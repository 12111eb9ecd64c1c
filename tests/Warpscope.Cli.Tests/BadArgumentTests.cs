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

/// <summary>10 000 seeded random command lines, parsed (not run): each parses, or is refused in one line, never an exception.</summary>
public class ArgumentVectorFuzzTests
{
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public ArgumentVectorFuzzTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

    [Fact]
    public void TenThousandArgumentVectors_ParseOrGiveOneLine()
    {
        var console = new Output.CliConsole(TextWriter.Null, TextWriter.Null);
        var root = WarpscopeApp.Root(console);
        string[] verbs = ["train", "render", "animate", "tour", "serve", "", "--help", "trian"];
        var options = root.Subcommands.SelectMany(c => c.Options).Select(o => o.Name).Distinct().ToArray();
        string[] values = ["abc", "1e12", "3000000000", "-1", "0", "1", "0.5", "inf", "NaN", "", "--", "-", "m.json", "layer:3", "units:1,0", "16,16", "relu,tanh", "x,y,x2", "½", "\n", "\"", "1e39"];
        var random = new Random(17);
        int parsed = 0, refused = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var args = new List<string> { verbs[random.Next(verbs.Length)] };
            for (var k = random.Next(0, 6); k > 0; k--)
            {
                if (random.Next(4) > 0) args.Add(options[random.Next(options.Length)]);
                args.Add(values[random.Next(values.Length)]);
            }
            var parse = root.Parse(args.ToArray());
            var problem = WarpscopeApp.ParseError(root, parse);
            if (problem is null) parsed++;
            else
            {
                Assert.DoesNotContain('\n', problem);
                Assert.StartsWith("warpscope", problem);
                refused++;
            }
        }
        _output.WriteLine($"command lines: 10000 inputs, {parsed} parsed, {refused} refused in one line");
        Assert.True(parsed > 100 && refused > 1000, $"{parsed} parsed, {refused} refused");
    }
}
