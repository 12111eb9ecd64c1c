namespace Warpscope.Cli.Tests;

public class GeneralCliTests
{
    [Fact]
    public void UnknownVerb_IsNamed()
    {
        var result = CliRunner.Run("frobnicate");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("warpscope: Unrecognized command or argument 'frobnicate'. (see warpscope --help)", result.Error.Trim());
    }

    [Fact]
    public void UnwritableFolder_IsOneLineNotAStackTrace()
    {
        var result = CliRunner.Run("tour", "--quick", "--out", "/proc/warpscope-cannot-write-here");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("warpscope: ", result.Error);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", result.Error);
    }
}
