using System.Net;
using System.Net.Sockets;

namespace Warpscope.Cli.Tests;

public class ServeCommandTests
{
    [Theory]
    [InlineData("--host", "not-an-address", "--host:")]
    [InlineData("--port", "70000", "--port:")]
    [InlineData("--max-sessions", "0", "--max-sessions:")]
    public void BadOption_IsOneLine_Exit2(string option, string value, string named)
    {
        var result = CliRunner.Run("serve", option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"warpscope: {named}", result.Error.Trim());
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public void PortInUse_IsOneLine_Exit2()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var result = CliRunner.Run("serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--port", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }
}
