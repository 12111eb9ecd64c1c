using Microsoft.AspNetCore.Builder;

namespace Warpscope.Web.Tests;

/// <summary>The real app on Kestrel, 127.0.0.1, a free port.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestServer(WebApplication app, string url)
    {
        _app = app;
        Url = url;
        Http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Url { get; }
    public HttpClient Http { get; }
    public Uri Socket => new(Url.Replace("http://", "ws://", StringComparison.Ordinal) + "/ws");

    public static async Task<TestServer> StartAsync(WebLimits? limits = null, Func<System.Net.IPAddress, ServerAccess>? access = null)
    {
        var app = WarpscopeServer.Build("127.0.0.1", 0, limits, quiet: true, access);
        await app.StartAsync();
        return new TestServer(app, WarpscopeServer.Url(app));
    }

    public Task<PageClient> ConnectAsync() => PageClient.ConnectAsync(Socket, Url);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
