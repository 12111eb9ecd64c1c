using Microsoft.Playwright;

namespace Warpscope.Web.Tests.Browser;

/// <summary>
/// One server and one headless Debian Chromium for the browser tests (Playwright drives the
/// installed /usr/bin/chromium; nothing is downloaded). scripts/install-deps installs chromium.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public TestServer Server { get; private set; } = null!;

    /// <summary>The app under test: this process's own, or a running <c>warpscope serve</c> named by WARPSCOPE_URL (scripts/measure-live).</summary>
    public string Url => Environment.GetEnvironmentVariable("WARPSCOPE_URL") ?? Server.Url;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium)) throw new InvalidOperationException($"{Chromium} is missing: run scripts/install-deps (apt-get install -y chromium)");
        Server = await TestServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A new page of the given size whose console errors, warnings and page errors are collected.</summary>
    /// <remarks>
    /// Without a query the page would start on a scene (issue 14); tests that mean the server's defaults
    /// get them through a query that sets nothing new (<c>seed=1</c>). <paramref name="bare"/> opens the bare URL.
    /// </remarks>
    public async Task<(IPage Page, List<string> Problems)> OpenAsync(string query = "", int width = 1280, int height = 800, bool bare = false)
    {
        if (query.Length == 0 && !bare) query = "seed=1";
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        // Generous bounds: CI runs the other test assemblies beside these on 2 cores (Debug build).
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning") problems.Add($"{m.Type}: {m.Text}");
        };
        page.PageError += (_, e) => problems.Add($"page error: {e}");
        await page.GotoAsync(Url + "/" + (query.Length > 0 ? "?" + query : ""));
        await WaitForFramesAsync(page, 1);
        return (page, problems);
    }

    /// <summary>Waits until the page has drawn at least <paramref name="count"/> frames.</summary>
    public static Task WaitForFramesAsync(IPage page, int count, float timeoutMs = 60_000) =>
        page.WaitForFunctionAsync($"() => window.warpscope && window.warpscope.frames >= {count}", null, new PageWaitForFunctionOptions { Timeout = timeoutMs });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }
}
