using System.Net;
using System.Net.WebSockets;

namespace Warpscope.Web.Tests;

/// <summary>Host filtering against DNS rebinding, no framing, and the access token beyond loopback (issue 13, item 8).</summary>
public class AccessTests
{
    private static HttpRequestMessage Get(string path, string? host = null, string? cookie = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (host is not null) request.Headers.Host = host;
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return request;
    }

    [Fact]
    public async Task ASpoofedHost_IsRefused_EvenWithAMatchingOrigin()
    {
        await using var server = await TestServer.StartAsync();
        var port = new Uri(server.Url).Port;
        var rebound = await server.Http.SendAsync(Get("/", $"evil.example:{port}"));
        Assert.Equal(HttpStatusCode.BadRequest, rebound.StatusCode);
        Assert.Contains("does not answer to that host name", await rebound.Content.ReadAsStringAsync());
        var api = await server.Http.SendAsync(Get("/api/status", $"evil.example:{port}"));
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);

        // The WebSocket of a rebound page: its Origin matches its Host, both evil.
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", $"http://evil.example:{port}");
        socket.Options.SetRequestHeader("Host", $"evil.example:{port}");
        var e = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(server.Socket, CancellationToken.None));
        Assert.Contains("400", e.Message);

        foreach (var name in new[] { "localhost", "127.0.0.1" })
            Assert.Equal(HttpStatusCode.OK, (await server.Http.SendAsync(Get("/", $"{name}:{port}"))).StatusCode);
    }

    [Fact]
    public async Task EveryAnswer_ForbidsFraming()
    {
        await using var server = await TestServer.StartAsync();
        var page = await server.Http.GetAsync("/");
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task BeyondLoopback_TheTokenIsAsked_OnceInTheUrl_ThenKeptInACookie()
    {
        // As if bound to every interface (the test listens on loopback, the rules are those of 0.0.0.0).
        await using var server = await TestServer.StartAsync(access: _ => ServerAccess.For(IPAddress.Any, token: "sekrit-token-1"));
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Http.GetAsync("/api/status")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Http.GetAsync("/?token=wrong-token-1")).StatusCode);

        var first = await server.Http.GetAsync("/?token=sekrit-token-1");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var cookie = first.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith($"{ServerAccess.CookieName}=sekrit-token-1", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        var pair = cookie.Split(';')[0];
        Assert.Equal(HttpStatusCode.OK, (await server.Http.SendAsync(Get("/app/js/main.js", cookie: pair))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.SendAsync(Get("/api/status", cookie: pair))).StatusCode);

        // The page's socket brings the cookie; without it, refused.
        using var bare = new ClientWebSocket();
        bare.Options.SetRequestHeader("Origin", server.Url);
        Assert.Contains("403", (await Assert.ThrowsAsync<WebSocketException>(() => bare.ConnectAsync(server.Socket, CancellationToken.None))).Message);
        using var admitted = new ClientWebSocket();
        admitted.Options.SetRequestHeader("Origin", server.Url);
        admitted.Options.SetRequestHeader("Cookie", pair);
        await admitted.ConnectAsync(server.Socket, CancellationToken.None);
        Assert.Equal(WebSocketState.Open, admitted.State);
    }

    [Fact]
    public void TheDefaultToken_IsRandom_AndNoneOnLoopbackOrWhenRefused()
    {
        var a = ServerAccess.For(IPAddress.Any).Token;
        var b = ServerAccess.For(IPAddress.Any).Token;
        Assert.Equal(32, a!.Length);
        Assert.NotEqual(a, b);
        Assert.Null(ServerAccess.For(IPAddress.Loopback).Token);
        Assert.Null(ServerAccess.For(IPAddress.Any, noToken: true).Token);
        Assert.Throws<Core.UserInputException>(() => ServerAccess.For(IPAddress.Any, token: "short"));
    }
}
