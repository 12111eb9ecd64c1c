using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Warpscope.Core;
using Warpscope.Core.Datasets;

using Warpscope.Core.Sessions;

namespace Warpscope.Web;

/// <summary>
/// The web app of <c>warpscope serve</c>: the page's embedded assets, one WebSocket per page
/// (<see cref="LiveSession"/>), the limits, and exports drawn by the renderer. Listens on 127.0.0.1
/// unless another address is asked for; port 0 picks a free one.
/// </summary>
public static class WarpscopeServer
{
    public static WebApplication Build(string host = "127.0.0.1", int port = 5000, WebLimits? limits = null, bool quiet = false, Func<IPAddress, ServerAccess>? access = null)
    {
        limits ??= new WebLimits();
        if (!IPAddress.TryParse(host == "localhost" ? "127.0.0.1" : host, out var address))
            throw new UserInputException($"--host: '{host}' is not an IP address (e.g. 127.0.0.1, or 0.0.0.0 for every interface)");
        if (port is < 0 or > 65535) throw new UserInputException($"--port: {port} is out of range; need 0 to 65535");

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        if (!quiet) builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(address, port);
            k.AddServerHeader = false;
            // A shared link carries edited points in its query: allow long request lines, but no bodies.
            k.Limits.MaxRequestLineSize = 256 * 1024;
            k.Limits.MaxRequestHeadersTotalSize = 288 * 1024;
            k.Limits.MaxRequestBodySize = 64 * 1024;
        });
        var rules = (access ?? (a => ServerAccess.For(a)))(address);
        builder.Services.AddSingleton(rules);
        builder.Services.AddSingleton(limits);
        builder.Services.AddSingleton<SessionRegistry>();
        builder.Services.AddSingleton(_ => new WorkScheduler(Environment.ProcessorCount));
        builder.Services.AddSingleton<EmbeddedAssets>();
        builder.Services.AddSingleton<ViewExporter>();

        var app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.Use(async (context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.XFrameOptions = "DENY";
            context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob:; connect-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
            // A name that is not this server's (DNS rebinding) gets nothing; nor does a request without the token when one is asked.
            if (!rules.HostAllowed(context.Request.Host))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync("this server does not answer to that host name (see warpscope serve --allowed-hosts)");
                return;
            }
            if (!rules.Admit(context))
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsync("this Warpscope server needs its access token: open the address it printed when it started (…/?token=…)");
                return;
            }
            await next(context);
        });

        app.MapGet("/", (EmbeddedAssets assets) => assets.Serve("index.html"));
        app.MapGet("/app/{**path}", (string path, EmbeddedAssets assets) => assets.Serve(path));
        app.MapGet("/api/limits", (WebLimits l) => Results.Json(l));
        // The classic scenes as playground states, for the page's Scenes menu.
        app.MapGet("/api/scenes", (WebLimits l) => Results.Json(ClassicScenes.All.Select(s => new
        {
            id = s.Id,
            number = s.Number,
            title = s.Title,
            claim = s.Claim,
            look = s.Look,
            epochs = s.Epochs,
            state = PlaygroundState.ForScene(s, l).ToQuery(),
        })));
        // The process's CPU seconds let a script measure what the sessions cost (docs/web-protocol.md).
        app.MapGet("/api/status", (SessionRegistry sessions) =>
        {
            var gc = GC.GetGCMemoryInfo();
            return Results.Json(new
            {
                sessions = sessions.Count,
                capacity = sessions.Capacity,
                cpuSeconds = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
                workingSetMB = Environment.WorkingSet / (1024.0 * 1024.0),
                gcHeapMB = gc.HeapSizeBytes / (1024.0 * 1024.0),
                gcCommittedMB = gc.TotalCommittedBytes / (1024.0 * 1024.0),
            });
        });
        app.MapGet("/api/sessions/{id}/export", ExportAsync);
        app.MapGet("/api/sessions/{id}/data.csv", DataCsvAsync);
        app.Map("/ws", SocketAsync);
        return app;
    }

    /// <summary>
    /// Runs one small session through every path a page uses (state, training, both views, the morph,
    /// a frame), so the first page's first frames and first control change do not wait for the JIT.
    /// </summary>
    public static Task WarmUpAsync(WebLimits limits) => Task.Run(() =>
    {
        var state = PlaygroundState.Parse("points=200", limits);
        var session = state.Setup.Start();
        var frames = new LiveFrameBuilder(limits);
        for (var i = 0; i < 3; i++)
        {
            session.TrainEpochs(1);
            frames.Build(session, state, 1, FrameFlags.Playing, null, null);
        }
        frames.Build(session, state, 2, FrameFlags.Morph, 0, 1.5);
        var faster = state.Setup with { Training = state.Setup.Training with { LearningRate = 0.02 } };
        state.Setup.MoveTo(faster, session);
        session.TrainEpochs(1);
        var wide = PlaygroundState.Parse("points=200&layers=8,3&layer=1", limits);
        faster.MoveTo(wide.Setup, session);
        frames.Build(session, wide, 3, FrameFlags.None, null, null);
        ClientMessage.Parse("{\"type\":\"config\",\"state\":\"lr=0.02\"}"u8, limits);
    });

    /// <summary>The address the app listens on, once started (port 0 resolved).</summary>
    public static string Url(WebApplication app) => app.Urls.First();

    private static async Task SocketAsync(HttpContext context, SessionRegistry sessions, WebLimits limits, WorkScheduler workers, ILoggerFactory logs)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("expected a WebSocket request");
            return;
        }
        // A page on another site must not drive a session here (cross-site WebSocket hijacking).
        if (context.Request.Headers.Origin is { Count: > 0 } origin && !SameOrigin(origin[0]!, context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("WebSocket from another origin refused");
            return;
        }
        // Binary frames go deflated where the page offers permessage-deflate (every browser does): a default
        // frame of 108 KiB travels as about 40 (issue 14). Each message is compressed on its own (no context
        // kept between messages), and text messages, which carry the session id, not at all: nothing secret
        // shares a compression context with what a page sends.
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            DangerousEnableCompression = true,
            DisableServerContextTakeover = true,
        });
        var log = logs.CreateLogger<LiveSession>();
        if (!sessions.TryAdd(id => new LiveSession(id, socket, limits, workers, log), out var session))
        {
            var refusal = System.Text.Encoding.UTF8.GetBytes($"{{\"type\":\"error\",\"reason\":\"full\",\"message\":\"the server is full ({sessions.Capacity} sessions); close another page, or wait\"}}");
            await socket.SendAsync(refusal, WebSocketMessageType.Text, WebSocketMessageFlags.EndOfMessage | WebSocketMessageFlags.DisableCompression, context.RequestAborted);
            await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "too many sessions", context.RequestAborted);
            return;
        }
        try
        {
            await session.RunAsync(context.RequestAborted);
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            sessions.Remove(session);
        }
    }

    private static bool SameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private static async Task<IResult> ExportAsync(string id, string? what, string? format, SessionRegistry sessions, ViewExporter exporter, CancellationToken cancel)
    {
        if (!sessions.TryGet(id, out var session)) return Results.NotFound("no such session (it ends when its page closes)");
        try
        {
            var snapshot = await session.SnapshotAsync(cancel);
            var export = await exporter.RenderAsync(snapshot, what ?? "input", format ?? "png", cancel);
            return Results.File(export.Bytes, export.ContentType, export.FileName);
        }
        catch (UserInputException e)
        {
            return Results.BadRequest(e.Message);
        }
        catch (TimeoutException)
        {
            return Results.Problem("the session did not answer", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static async Task<IResult> DataCsvAsync(string id, SessionRegistry sessions, CancellationToken cancel)
    {
        if (!sessions.TryGet(id, out var session)) return Results.NotFound("no such session (it ends when its page closes)");
        var snapshot = await session.SnapshotAsync(cancel);
        var dataset = snapshot.Dataset;
        var all = new LabeledPoints([.. dataset.Train.X, .. dataset.Test.X], [.. dataset.Train.Y, .. dataset.Test.Y], [.. dataset.Train.Labels, .. dataset.Test.Labels],
            dataset.Train.Targets is { } train && dataset.Test.Targets is { } test ? [.. train, .. test] : null);
        var text = CsvDataset.Format(all, dataset.ClassNames);
        return Results.File(System.Text.Encoding.UTF8.GetBytes(text), "text/csv; charset=utf-8", "warpscope-data.csv");
    }
}
