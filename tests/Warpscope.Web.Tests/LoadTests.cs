using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Warpscope.Web.Tests;

/// <summary>
/// Many pages at once, each a <see cref="PageClient"/> that plays its state and acknowledges every frame
/// as it comes (a prompt page): how many frames a second each gets, whether any is lost or refused.
/// </summary>
public static class Load
{
    /// <summary>The heaviest setup a page may ask for: 16 layers of 64 units, 10,000 points, batch 1, 100 epochs a frame.</summary>
    public static readonly string Heavy = "points=10000&layers=" + string.Join(',', Enumerable.Repeat(64, 16)) + "&batch=1&speed=100";

    /// <summary>Heavy for a Debug build on 2 shared cores (CI): a frame of about a second, not ten.</summary>
    public static readonly string HeavyForCi = "points=4000&layers=64,64,64,64&batch=1&speed=100";

    public sealed record Page(string State, int Frames, double FramesPerSecond, string? Lost);

    public sealed record Result(IReadOnlyList<Page> Admitted, int Refused)
    {
        public IEnumerable<Page> Light(string state) => Admitted.Where(p => p.State == state);
    }

    /// <summary>Opens a page per state, waits until every admitted page has its first frame, then counts each page's frames for <paramref name="duration"/>.</summary>
    public static async Task<Result> RunAsync(string url, IReadOnlyList<string> states, TimeSpan duration)
    {
        var socket = new Uri(url.Replace("http://", "ws://", StringComparison.Ordinal) + "/ws");
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ready = 0;
        var pages = states.Select(async state =>
        {
            await using var page = await PageClient.ConnectAsync(socket, url, headersOnly: true);
            await page.SendAsync(new { type = "hello", state });
            try
            {
                await page.NextFrameAsync(TimeSpan.FromSeconds(60));
            }
            catch (InvalidOperationException e) when (e.Message.Contains("server is full", StringComparison.Ordinal))
            {
                Ready();
                return (Page?)null;
            }
            await page.SendAsync(new { type = "play" });
            Ready();
            await start.Task;
            var clock = Stopwatch.StartNew();
            var frames = 0;
            try
            {
                while (clock.Elapsed < duration)
                {
                    await page.NextFrameAsync(TimeSpan.FromSeconds(30));
                    frames++;
                }
            }
            catch (InvalidOperationException e) // the socket closed, or the server reported an error
            {
                return new Page(state, frames, frames / clock.Elapsed.TotalSeconds, e.Message);
            }
            catch (TimeoutException)
            {
                // No frame for 30 s: slow, not lost (a heavy page in a Debug build on a busy machine).
                return new Page(state, frames, frames / clock.Elapsed.TotalSeconds, null);
            }
            return new Page(state, frames, frames / clock.Elapsed.TotalSeconds, null);
        }).ToList();

        void Ready()
        {
            if (Interlocked.Increment(ref ready) == states.Count) start.TrySetResult();
        }

        var done = await Task.WhenAll(pages);
        return new Result([.. done.OfType<Page>()], done.Count(p => p is null));
    }

    public static async Task<JsonElement> StatusAsync(HttpClient http) =>
        JsonDocument.Parse(await http.GetStringAsync("/api/status")).RootElement.Clone();
}

[CollectionDefinition("load", DisableParallelization = true)]
public sealed class LoadCollection;

[Collection("load")]
public class LoadTests
{
    /// <summary>
    /// Issue 13: a light page next to seven of the heaviest ones keeps getting frames, because the workers
    /// take the job of the session that has used least, and the light lane runs it beside a heavy job.
    /// Before, every page waited its turn (the light one seconds a frame, like the heavy ones). Asserted as
    /// a ratio, which holds in a Debug build on 2 shared cores with the clients in the same process:
    /// the light page gets at least 3 times the frames of a heavy page on average (measured in Debug: 3.2 vs
    /// 0.5 a second with CI's heavy pages, 4 layers of 64 units on 4000 points, a frame of about a second there);
    /// scripts/load-test measures the heaviest setup against a Release server. Not run beside the other
    /// tests of this assembly (its own collection): they would take the cores it measures.
    /// </summary>
    [Fact]
    public async Task ALightPage_NextToSevenHeavyOnes_KeepsItsFrames()
    {
        await using var server = await TestServer.StartAsync();
        var states = Enumerable.Repeat(Load.HeavyForCi, 7).Append("").ToList();
        var result = await Load.RunAsync(server.Url, states, TimeSpan.FromSeconds(6));
        var light = Assert.Single(result.Light(""));
        Assert.Equal(0, result.Refused);
        Assert.All(result.Admitted, p => Assert.Null(p.Lost));
        Assert.All(result.Admitted, p => Assert.True(p.Frames >= 1, $"a heavy page got no frame in 6 s: {p}"));
        File.AppendAllText(Artifacts.PathOf("web/load-figures.txt"), string.Create(CultureInfo.InvariantCulture,
            $"CI (Debug): light page next to 7 heavy ones ({Load.HeavyForCi}): {light.FramesPerSecond:F1} frames/s; heavy pages {string.Join(", ", result.Admitted.Where(p => p.State != "").Select(p => p.FramesPerSecond.ToString("F1", CultureInfo.InvariantCulture)))}\n"));
        var heavy = result.Admitted.Where(p => p.State != "").Average(p => p.Frames);
        Assert.True(light.Frames >= 3 && light.Frames >= 3 * heavy, $"the light page got {light.Frames} frames, a heavy one {heavy:F1} on average");
    }

    /// <summary>More pages than the server admits: the rest are refused with a message, none of the admitted is lost.</summary>
    [Fact]
    public async Task PagesBeyondTheCapacity_AreRefused_AndNoneAdmittedIsLost()
    {
        await using var server = await TestServer.StartAsync(new WebLimits { MaxSessions = 4 });
        var result = await Load.RunAsync(server.Url, Enumerable.Repeat("points=200", 7).ToList(), TimeSpan.FromSeconds(2));
        Assert.Equal(4, result.Admitted.Count);
        Assert.Equal(3, result.Refused);
        Assert.All(result.Admitted, p => Assert.True(p.Lost is null && p.Frames >= 5, $"{p}"));
    }
}

public class LoadFigures
{
    /// <summary>
    /// scripts/load-test: against the server named by WARPSCOPE_URL (started with --max-sessions 30),
    /// 30 default pages for 20 s, then a light page next to 7 heavy ones; records (does not assert) the
    /// frames each page got, lost and refused pages, and the server's working set before, during and after.
    /// Skipped without WARPSCOPE_URL.
    /// </summary>
    [Fact]
    public async Task LoadFigures_AreRecorded()
    {
        if (Environment.GetEnvironmentVariable("WARPSCOPE_URL") is not { } url) return;
        var seconds = double.Parse(Environment.GetEnvironmentVariable("WARPSCOPE_LOAD_SECONDS") ?? "20", CultureInfo.InvariantCulture);
        var count = int.Parse(Environment.GetEnvironmentVariable("WARPSCOPE_LOAD_PAGES") ?? "30", CultureInfo.InvariantCulture);
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        // "Before" is the server warmed by one page of each kind (its code compiled, its pools made), settled.
        var idle = await Load.StatusAsync(http);
        await Load.RunAsync(url, ["", Load.Heavy], TimeSpan.FromSeconds(2));
        await Task.Delay(3000);
        var before = await Load.StatusAsync(http);
        var during = 0.0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                during = Math.Max(during, (await Load.StatusAsync(http)).GetProperty("workingSetMB").GetDouble());
                await Task.Delay(500);
            }
        });
        var clock = Stopwatch.StartNew();
        var many = await Load.RunAsync(url, Enumerable.Repeat("", count).ToList(), TimeSpan.FromSeconds(seconds));
        var mixed = await Load.RunAsync(url, Enumerable.Repeat(Load.Heavy, 7).Append("").ToList(), TimeSpan.FromSeconds(seconds / 2));
        await sampling.CancelAsync();
        await sampler;
        var cpu = ((await Load.StatusAsync(http)).GetProperty("cpuSeconds").GetDouble() - before.GetProperty("cpuSeconds").GetDouble()) / clock.Elapsed.TotalSeconds;
        await Task.Delay(3000); // the last page's session closes, the server settles
        var after = await Load.StatusAsync(http);
        await Task.Delay(12_000); // Kestrel's buffers are let go of on a timer
        var later = await Load.StatusAsync(http);
        var fps = many.Admitted.Select(p => p.FramesPerSecond).Order().ToList();
        var light = mixed.Light("").Single();
        File.AppendAllText(Artifacts.PathOf("web/load-figures.txt"), string.Create(CultureInfo.InvariantCulture,
            $"""
            {count} default pages for {seconds:F0} s: {many.Admitted.Count} admitted, {many.Refused} refused, {many.Admitted.Count(p => p.Lost is not null)} lost; frames/s per page min {fps.FirstOrDefault():F1}, median {(fps.Count == 0 ? 0 : fps[fps.Count / 2]):F1}, max {fps.LastOrDefault():F1} (total {fps.Sum():F0} a second)
            light page next to 7 heaviest for {seconds / 2:F0} s: {light.FramesPerSecond:F1} frames/s; heavy pages {string.Join(", ", mixed.Admitted.Where(p => p.State != "").Select(p => p.FramesPerSecond.ToString("F1", CultureInfo.InvariantCulture)))}; lost {mixed.Admitted.Count(p => p.Lost is not null)}
            server: {cpu:F2} cores on average; working set {idle.GetProperty("workingSetMB").GetDouble():F0} MB at start, {before.GetProperty("workingSetMB").GetDouble():F0} MB after a warm-up page of each kind (before), {during:F0} MB at most during, {after.GetProperty("workingSetMB").GetDouble():F0} MB 3 s after the pages closed ({after.GetProperty("sessions").GetInt32()} sessions left), {later.GetProperty("workingSetMB").GetDouble():F0} MB 15 s after; GC heap {before.GetProperty("gcHeapMB").GetDouble():F0} MB before, {later.GetProperty("gcHeapMB").GetDouble():F0} MB after

            """));
    }
}
