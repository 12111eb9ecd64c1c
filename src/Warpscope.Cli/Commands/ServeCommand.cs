using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Warpscope.Cli.Output;
using Warpscope.Core;
using Warpscope.Web;

namespace Warpscope.Cli.Commands;

/// <summary><c>warpscope serve</c>: the live playground in the browser, on this machine only unless asked.</summary>
internal static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on (0 picks a free one)", DefaultValueFactory = _ => 5000 };
        var host = new Option<string>("--host") { Description = "Address to listen on; 0.0.0.0 opens it to the network", DefaultValueFactory = _ => "127.0.0.1" };
        var sessions = new Option<int>("--max-sessions") { Description = "Pages that may train at once", DefaultValueFactory = _ => 8 };
        var allowed = new Option<string>("--allowed-hosts") { Description = "More host names the server answers to, comma-separated (besides localhost, its address and, on 0.0.0.0, this machine's names)" };
        var token = new Option<string>("--token") { Description = "The access token asked for when listening beyond this machine (default: a random one, printed in the address)" };
        var noToken = new Option<bool>("--no-token") { Description = "Listening beyond this machine, ask for no token: anyone on the network may use it" };
        var command = new Command("serve", "Start the live web app: train, watch every layer warp, morph, lift and share");
        command.Options.Add(port);
        command.Options.Add(host);
        command.Options.Add(sessions);
        command.Options.Add(allowed);
        command.Options.Add(token);
        command.Options.Add(noToken);
        command.SetAction(async (parse, cancel) =>
        {
            var max = parse.GetValue(sessions);
            if (max is < 1 or > 256) throw new UserInputException($"--max-sessions: {max} is out of range; need 1 to 256");
            var limits = new WebLimits { MaxSessions = max };
            var hosts = (parse.GetValue(allowed) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            ServerAccess? rules = null;
            var app = WarpscopeServer.Build(parse.GetRequiredValue(host), parse.GetValue(port), limits,
                access: a => rules = ServerAccess.For(a, hosts, parse.GetValue(token), parse.GetValue(noToken)));
            var warmUp = WarpscopeServer.WarmUpAsync(limits);
            try
            {
                await app.StartAsync(cancel);
            }
            catch (IOException e) when (e.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
            {
                throw new UserInputException($"--port: cannot listen on {parse.GetRequiredValue(host)}:{parse.GetValue(port)} ({e.InnerException?.Message ?? e.Message}); choose another with --port");
            }
            var url = WarpscopeServer.Url(app).Replace("0.0.0.0", "localhost", StringComparison.Ordinal);
            var query = rules?.Token is { } t ? $"?token={t}" : "";
            console.Out.WriteLine($"Warpscope is running at {url}/{query}  (Ctrl+C stops it)");
            if (query.Length > 0) console.Out.WriteLine("It listens beyond this machine: the token in the address lets a browser in; share it only with those who should.");
            else if (parse.GetValue(noToken) && !System.Net.IPAddress.IsLoopback(System.Net.IPAddress.Parse(parse.GetRequiredValue(host) == "localhost" ? "127.0.0.1" : parse.GetRequiredValue(host))))
                console.Out.WriteLine("warning: --no-token: anyone who can reach this address can use the server");
            await warmUp;
            await app.WaitForShutdownAsync(cancel);
            return WarpscopeApp.Ok;
        });
        return command;
    }
}
