using System.Net;
using System.Net.WebSockets;
using System.Text;
using Warpscope.Core.Datasets;

namespace Warpscope.Web.Tests;

public class ServerTests
{
    [Fact]
    public async Task Page_IsServedFromEmbeddedAssets_AndNothingOutsideThem()
    {
        await using var server = await TestServer.StartAsync();
        var page = await server.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("/app/js/main.js", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/app/js/main.js")).StatusCode);
        foreach (var path in new[] { "/app/../Warpscope.Web.csproj", "/app/%2e%2e/%2e%2e/Warpscope.Web.csproj", "/app/..%2fLiveSession.cs", "/app//etc/passwd", "/app/js/../../../../etc/passwd", "/Warpscope.Web.dll", "/app/" })
            Assert.Contains((await server.Http.GetAsync(path)).StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.BadRequest });
    }

    [Fact]
    public async Task Hello_ReturnsTheCanonicalState_AndAFrameOfBothViews()
    {
        await using var server = await TestServer.StartAsync();
        await using var page = await server.ConnectAsync();
        await page.SendAsync(new { type = "hello", state = "data=circle&points=200&layers=4,2&grid=1" });
        var state = await page.ExpectAsync("state");
        Assert.StartsWith("data=circle&points=200&", state.GetProperty("state").GetString());
        Assert.Equal(2, state.GetProperty("layers").GetInt32());
        Assert.Equal(32, state.GetProperty("session").GetString()!.Length);
        var frame = await page.NextFrameAsync();
        Assert.Equal(0, frame.Epoch);
        Assert.Equal(2, frame.Views.Count);
        Assert.Equal((FrameViewKind.Input, 128, 128), (frame.Views[0].Kind, frame.Views[0].FieldColumns, frame.Views[0].FieldRows));
        Assert.Equal(200, frame.Views[0].Points.Count);
        Assert.Equal((FrameViewKind.Layer, 2), (frame.Views[1].Kind, frame.Views[1].Layer));
        // A 2-unit layer's sheet comes as the field of the rest of the network where the sheet lies, no cells.
        Assert.Empty(frame.Views[1].Cells);
        Assert.Equal((128, 128), (frame.Views[1].SheetFieldColumns, frame.Views[1].SheetFieldRows));
        Assert.Contains(frame.Views[1].SheetFieldClasses, c => c == FrameWriter.Uncovered);
        Assert.Contains(frame.Views[1].SheetFieldClasses, c => c < 2);
        Assert.Contains(frame.Views[1].Lines, l => l.Kind == 0);
    }

    [Fact]
    public async Task Playing_TrainsTheSpiral_AccuracyRisesPast95Percent()
    {
        await using var server = await TestServer.StartAsync();
        await using var page = await server.ConnectAsync();
        await page.SendAsync(new { type = "hello", state = "" });
        var first = await page.NextFrameAsync();
        await page.SendAsync(new { type = "play" });
        var frame = first;
        var end = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (frame.TrainAccuracy < 0.95f && DateTime.UtcNow < end) frame = await page.NextFrameAsync();
        Assert.True(frame.TrainAccuracy >= 0.95f, $"train accuracy {frame.TrainAccuracy} after {frame.Epoch} epochs");
        Assert.True(frame.TrainAccuracy > first.TrainAccuracy + 0.2f);
        Assert.True(frame.Epoch > 0);
        Assert.True(frame.Flags.HasFlag(FrameFlags.Playing));
        Assert.True(frame.TimelineLength > 1);
    }

    [Fact]
    public async Task SlowPage_GetsAtMostTwoUnacknowledgedFrames_ThenNewerOnesAfterAcks()
    {
        await using var server = await TestServer.StartAsync();
        await using var page = await server.ConnectAsync();
        await page.SendAsync(new { type = "hello", state = "data=xor&points=200&layers=4" });
        await page.SendAsync(new { type = "play" });
        var frames = (await page.DrainAsync(TimeSpan.FromSeconds(1.5))).Where(m => m.Frame is not null).Select(m => m.Frame!).ToList();
        Assert.Equal(2, frames.Count);
        await page.AckAsync(frames[1]);
        var next = await page.NextFrameAsync();
        Assert.Equal(3u, next.Sequence);
        Assert.True(next.Epoch > frames[1].Epoch, "the frame after a pause shows training that went on, not a queued old frame");
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"type\":\"launch\"}")]
    [InlineData("{\"type\":\"points\",\"add\":[[1,2]]}")]
    [InlineData("{\"type\":\"points\",\"add\":[[1,2,9]]}")]
    [InlineData("{\"type\":\"scrub\",\"index\":\"x\"}")]
    [InlineData("{\"type\":\"morph\",\"t\":-1}")]
    [InlineData("{\"type\":\"config\",\"state\":\"layers=4,100\"}")]
    [InlineData("{\"type\":\"csv\",\"text\":\"x,y,label\\n1,2,a\\n3,oops,b\\n\"}")]
    public async Task BadMessage_GetsAnErrorReply_AndTheSessionGoesOn(string message)
    {
        await using var server = await TestServer.StartAsync();
        await using var page = await server.ConnectAsync();
        await page.SendAsync(new { type = "hello", state = "data=gauss&points=100&layers=3" });
        await page.NextFrameAsync();
        await page.SendTextAsync(message);
        var error = await page.ExpectAsync("error");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
        if (message.Contains("csv")) Assert.StartsWith("uploaded CSV:3:", error.GetProperty("message").GetString());
        if (message.Contains("100")) Assert.StartsWith("layers:", error.GetProperty("message").GetString());
        await page.SendAsync(new { type = "step" });
        var frame = await page.NextFrameAsync();
        Assert.Equal(1, frame.Epoch);
        Assert.Equal(100, frame.Views[0].Points.Count);
    }

    [Fact]
    public async Task OversizedAndBinaryMessages_AreRefusedCleanly()
    {
        await using var server = await TestServer.StartAsync(new WebLimits { MaxMessageBytes = 64 * 1024 });
        await using var page = await server.ConnectAsync();
        await page.SendAsync(new { type = "hello", state = "data=gauss&points=100&layers=3" });
        await page.NextFrameAsync();
        await page.SendAsync(new { type = "csv", text = new string('1', 200_000) });
        Assert.Contains("too large", (await page.ExpectAsync("error")).GetProperty("message").GetString());
        await page.SendBinaryAsync([1, 2, 3]);
        Assert.Contains("binary", (await page.ExpectAsync("error")).GetProperty("message").GetString());
        await page.SendAsync(new { type = "step" });
        Assert.Equal(1, (await page.NextFrameAsync()).Epoch);
    }

    [Fact]
    public async Task AnUploadedCsvBeyondTheCoordinateLimit_IsRefusedNamingTheLine_AndTheSessionGoesOn()
    {
        // Issue 13: coordinates near ±3e38 reached the page as a raw .NET JSON error and a blank view (window ±Infinity).
        await using var server = await TestServer.StartAsync();
        await using var page = await server.ConnectAsync();
        await page.SendAsync(new { type = "hello", state = "data=gauss&points=100&layers=3" });
        await page.NextFrameAsync();
        await page.SendAsync(new { type = "csv", text = "x,y,label\n1,2,a\n3e38,-3e38,b\n0,0,a\n1,1,b\n" });
        var message = (await page.ExpectAsync("error")).GetProperty("message").GetString()!;
        Assert.Equal("uploaded CSV:3: x 3e38 lies beyond ±1000000, the limit for coordinates", message);
        await page.SendAsync(new { type = "step" });
        var frame = await page.NextFrameAsync();
        Assert.Equal(100, frame.Views[0].Points.Count);
    }

    [Fact]
    public async Task OversizedHttpRequests_AreRefused()
    {
        await using var server = await TestServer.StartAsync();
        var huge = await server.Http.GetAsync("/?" + new string('a', 400 * 1024));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, huge.StatusCode);
        var body = await server.Http.PostAsync("/api/limits", new ByteArrayContent(new byte[200 * 1024]));
        Assert.True((int)body.StatusCode >= 400);
    }

    [Fact]
    public async Task Sessions_AreBounded_AndReleasedWhenThePageCloses()
    {
        await using var server = await TestServer.StartAsync(new WebLimits { MaxSessions = 2 });
        var a = await server.ConnectAsync();
        await using var b = await server.ConnectAsync();
        await a.SendAsync(new { type = "hello", state = "points=100&layers=2" });
        await b.SendAsync(new { type = "hello", state = "points=100&layers=2" });
        await a.NextFrameAsync();
        await b.NextFrameAsync();
        Assert.Contains("\"sessions\":2", await server.Http.GetStringAsync("/api/status"));

        await using (var c = await server.ConnectAsync())
        {
            var refusal = await c.ReceiveAsync();
            Assert.Contains("full", refusal!.Json!.Value.GetProperty("message").GetString());
            Assert.Null(await c.ReceiveAsync());
            Assert.Equal(WebSocketCloseStatus.PolicyViolation, c.CloseStatus);
        }

        await a.DisposeAsync();
        var end = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!(await server.Http.GetStringAsync("/api/status")).Contains("\"sessions\":1") && DateTime.UtcNow < end) await Task.Delay(50);
        Assert.Contains("\"sessions\":1", await server.Http.GetStringAsync("/api/status"));
        await using var d = await server.ConnectAsync();
        await d.SendAsync(new { type = "hello", state = "points=100&layers=2" });
        Assert.Equal(2, (await d.NextFrameAsync()).Views.Count);
    }

    [Fact]
    public async Task SocketFromAnotherOrigin_IsRefused()
    {
        await using var server = await TestServer.StartAsync();
        var e = await Assert.ThrowsAsync<WebSocketException>(() => PageClient.ConnectAsync(server.Socket, "http://evil.example"));
        Assert.Contains("403", e.Message);
    }

    [Fact]
    public async Task AddedPoints_MakeTheDataCustom_InTheUrl_AndTrain()
    {
        await using var server = await TestServer.StartAsync();
        await using var page = await server.ConnectAsync();
        await page.SendAsync(new { type = "hello", state = "data=gauss&points=100&layers=3" });
        await page.NextFrameAsync();
        await page.SendAsync(new { type = "points", add = new[] { new[] { 1.5, -2.0, 0 }, new[] { 0.5, 0.25, 2 } } });
        var state = await page.ExpectAsync("state");
        var query = state.GetProperty("state").GetString()!;
        Assert.Contains("data=custom", query);
        Assert.Equal(3, state.GetProperty("classes").GetArrayLength());
        var parsed = PlaygroundState.Parse(query, new WebLimits());
        Assert.Equal(102, parsed.Setup.Custom!.Count);
        Assert.Equal((0.5f, 0.25f, 2), (parsed.Setup.Custom.Train.X[^1], parsed.Setup.Custom.Train.Y[^1], parsed.Setup.Custom.Train.Labels[^1]));
        var frame = await page.NextFrameAsync();
        Assert.Equal(102, frame.Views[0].Points.Count);

        // The link alone brings the same points back in a new session.
        await using var other = await server.ConnectAsync();
        await other.SendAsync(new { type = "hello", state = query });
        Assert.Equal(query, (await other.ExpectAsync("state")).GetProperty("state").GetString());
        var again = await other.NextFrameAsync();
        Assert.Equal(frame.Views[0].Points.Select(p => p.Position), again.Views[0].Points.Select(p => p.Position));
        Assert.Equal(frame.Views[0].FieldClasses, again.Views[0].FieldClasses);

        await page.SendAsync(new { type = "clear" });
        Assert.Contains("pts=&", (await page.ExpectAsync("state")).GetProperty("state").GetString() + "&");
        await page.SendAsync(new { type = "play" });
        Assert.Contains("no training points", (await page.ExpectAsync("error")).GetProperty("message").GetString());
    }

    [Fact]
    public async Task CsvUpload_ReplacesTheData_AndDownloadGivesItBack()
    {
        await using var server = await TestServer.StartAsync();
        await using var page = await server.ConnectAsync();
        await page.SendAsync(new { type = "hello", state = "points=100&layers=3" });
        var session = (await page.ExpectAsync("state")).GetProperty("session").GetString();
        var csv = new StringBuilder("x,y,label\n");
        for (var i = 0; i < 40; i++) csv.Append($"{i * 0.1},{i % 7 * 0.5},{(i % 3 == 0 ? "cat" : "dog")}\n");
        await page.SendAsync(new { type = "csv", text = csv.ToString() });
        var state = await page.ExpectAsync("state");
        Assert.Equal(["cat", "dog"], state.GetProperty("classes").EnumerateArray().Select(c => c.GetString()));
        var frame = await page.NextFrameAsync();
        Assert.Equal(40, frame.Views[0].Points.Count);
        Assert.Equal(20, frame.Views[0].Points.Count(p => p.Test));

        var text = await server.Http.GetStringAsync($"/api/sessions/{session}/data.csv");
        var back = CsvDataset.Parse(text, "download");
        Assert.Equal(40, back.Points.Count);
        Assert.Equal(["cat", "dog"], back.ClassNames);
    }

    [Fact]
    public async Task Exports_DrawTheSessionWithTheRenderer()
    {
        await using var server = await TestServer.StartAsync(new WebLimits { ExportSize = 200, ExportFrames = 6 });
        await using var page = await server.ConnectAsync();
        await page.SendAsync(new { type = "hello", state = "data=xor&points=200&layers=3" });
        var session = (await page.ExpectAsync("state")).GetProperty("session").GetString();
        await page.SendAsync(new { type = "step" });
        await page.NextFrameAsync();

        async Task<(HttpResponseMessage Response, byte[] Bytes)> Get(string query)
        {
            var response = await server.Http.GetAsync($"/api/sessions/{session}/export?{query}");
            return (response, await response.Content.ReadAsByteArrayAsync());
        }

        var png = await Get("what=input&format=png");
        Assert.Equal("image/png", png.Response.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Bytes[..4]);
        Assert.Equal(200, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.Bytes.AsSpan(16)));
        var svg = await Get("what=layer&format=svg");
        Assert.StartsWith("<svg", Encoding.UTF8.GetString(svg.Bytes).TrimStart().Split('\n').First(l => l.StartsWith("<svg")));
        var morph = await Get("what=morph&format=gif");
        Assert.Equal("GIF89a", Encoding.ASCII.GetString(morph.Bytes, 0, 6));
        var training = await Get("what=training&format=gif");
        Assert.Equal("GIF89a", Encoding.ASCII.GetString(training.Bytes, 0, 6));
        Assert.Equal(400, BitConverter.ToUInt16(training.Bytes, 6));
        Assert.Equal(HttpStatusCode.BadRequest, (await Get("what=input&format=bmp")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Http.GetAsync("/api/sessions/0123/export?what=input&format=png")).StatusCode);
    }

    [Fact]
    public async Task Divergence_StopsTraining_WithAMessage_AndResetRecovers()
    {
        await using var server = await TestServer.StartAsync();
        await using var page = await server.ConnectAsync();
        await page.SendAsync(new { type = "hello", state = "data=gauss&points=200&layers=64,64,64&act=relu&opt=sgd&lr=10&batch=200&speed=20" });
        await page.NextFrameAsync();
        await page.SendAsync(new { type = "play" });
        var diverged = await page.ExpectAsync("diverged", TimeSpan.FromSeconds(30));
        Assert.Contains("diverged", diverged.GetProperty("message").GetString());
        var frame = await page.NextFrameAsync();
        Assert.True(frame.Flags.HasFlag(FrameFlags.Diverged));
        Assert.False(frame.Flags.HasFlag(FrameFlags.Playing));
        Assert.All(frame.Views[0].Points, p => Assert.True(float.IsFinite(p.Position.X)));

        await page.SendAsync(new { type = "reset" });
        var reset = await page.NextFrameAsync();
        Assert.False(reset.Flags.HasFlag(FrameFlags.Diverged));
        Assert.Equal(0, reset.Epoch);
    }

    [Fact]
    public async Task LargestSession_StillAnswersAPause()
    {
        await using var server = await TestServer.StartAsync();
        await using var page = await server.ConnectAsync();
        await page.SendAsync(new { type = "hello", state = "points=10000&layers=64,64,64,64&speed=100&cells=0" });
        await page.NextFrameAsync(TimeSpan.FromSeconds(60));
        await page.SendAsync(new { type = "play" });
        var playing = await page.NextFrameAsync(TimeSpan.FromSeconds(60));
        Assert.True(playing.Flags.HasFlag(FrameFlags.Playing));
        Assert.True(playing.Epoch < 100, "a frame's training stops at its time budget, not after 100 epochs");
        await page.SendAsync(new { type = "pause" });
        Frame frame;
        do frame = await page.NextFrameAsync(TimeSpan.FromSeconds(60));
        while (frame.Flags.HasFlag(FrameFlags.Playing));
        Assert.False(frame.Flags.HasFlag(FrameFlags.Playing));
    }

    [Fact]
    public async Task Scrub_ShowsAnEarlierNetwork_AndMorphShowsTheStagedMorph()
    {
        await using var server = await TestServer.StartAsync();
        await using var page = await server.ConnectAsync();
        await page.SendAsync(new { type = "hello", state = "data=circle&points=200&layers=2,2&speed=5" });
        var start = await page.NextFrameAsync();
        for (var i = 0; i < 4; i++) await page.SendAsync(new { type = "step" });
        Frame live = start;
        while (live.Epoch < 4) live = await page.NextFrameAsync();
        Assert.Equal(5, live.TimelineLength);

        await page.SendAsync(new { type = "scrub", index = 0 });
        var scrubbed = await page.NextFrameAsync();
        Assert.True(scrubbed.Flags.HasFlag(FrameFlags.Scrubbing));
        Assert.Equal((0, 0), (scrubbed.TimelineIndex, scrubbed.TimelineEpoch));
        Assert.Equal(start.Views[0].FieldClasses, scrubbed.Views[0].FieldClasses);
        Assert.Equal(start.TrainAccuracy, scrubbed.TrainAccuracy);

        await page.SendAsync(new { type = "morph", t = 0.0 });
        var morph0 = await page.NextFrameAsync();
        Assert.Equal(FrameViewKind.Morph, morph0.Views[1].Kind);
        // At t = 0 the morph shows the input plane itself: every point where the data is.
        Assert.Equal(start.Views[0].Points.Select(p => p.Position), morph0.Views[1].Points.Select(p => p.Position));
        await page.SendAsync(new { type = "morph", t = (double?)null });
        Assert.Equal(FrameViewKind.Layer, (await page.NextFrameAsync()).Views[1].Kind);
    }
}

public class LiveFigures
{
    /// <summary>Records (does not assert) how many frames per second a page that acknowledges at once gets, and the server's CPU.</summary>
    [Fact]
    public async Task FramesPerSecond_ForAPromptPage_AreRecorded()
    {
        await using var server = await TestServer.StartAsync();
        var url = Environment.GetEnvironmentVariable("WARPSCOPE_URL") ?? server.Url;
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        async Task<double> Cpu() => System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/api/status")).RootElement.GetProperty("cpuSeconds").GetDouble();
        await using var page = await PageClient.ConnectAsync(new Uri(url.Replace("http://", "ws://") + "/ws"), url);
        await page.SendAsync(new { type = "hello", state = "" });
        await page.NextFrameAsync();
        await page.SendAsync(new { type = "play" });
        await page.NextFrameAsync();
        var cpu = await Cpu();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var frames = 0;
        long bytes = 0;
        Frame last;
        do
        {
            last = await page.NextFrameAsync();
            frames++;
            bytes += last.Bytes;
        } while (clock.Elapsed < TimeSpan.FromSeconds(3));
        var seconds = clock.Elapsed.TotalSeconds;
        var cores = (await Cpu() - cpu) / seconds;
        File.AppendAllText(Artifacts.PathOf("web/live-figures.txt"), FormattableString.Invariant(
            $"prompt WebSocket page, default state: {frames / seconds:F1} frames per second, {bytes / frames / 1024.0:F0} KiB per frame, server process CPU {cores:F2} cores{(Environment.GetEnvironmentVariable("WARPSCOPE_URL") is null ? " (with the client, in one process)" : "")}, epoch {last.Epoch}\n"));
        Assert.True(frames > 0);
    }
}
