using System.Diagnostics;

namespace Warpscope.Web.Tests;

/// <summary>
/// Exports give their memory back (issue 13, item 10: 10–30 training GIFs took the process to 1.1–1.3 GB,
/// and it stayed at 660 MB idle): the frames' scratch arrays go to bounded pools, not to every thread's
/// share of the shared pool, so what stays after exports is bounded and does not grow with more of them.
/// </summary>
public class ExportMemoryTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task TrainingGifs_LeaveABoundedHeap_ThatMoreExportsDoNotGrow()
    {
        await using var server = await TestServer.StartAsync(new WebLimits { ExportSize = 640, ExportFrames = 30 });
        await using var page = await server.ConnectAsync();
        await page.SendAsync(new { type = "hello", state = "data=spiral&points=1000&layers=16,16,2" });
        var session = (await page.ExpectAsync("state")).GetProperty("session").GetString();
        for (var i = 0; i < 40; i++)
        {
            await page.SendAsync(new { type = "step" });
            await page.NextFrameAsync();
        }
        static long Rss() => Process.GetCurrentProcess().WorkingSet64 >> 20;
        async Task<long> Exports(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var response = await server.Http.GetAsync($"/api/sessions/{session}/export?what=training&format=gif");
                Assert.True(response.IsSuccessStatusCode);
                Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 50_000);
            }
            return GC.GetTotalMemory(forceFullCollection: true);
        }
        var start = GC.GetTotalMemory(forceFullCollection: true);
        var rssStart = Rss();
        var first = await Exports(4);
        var second = await Exports(4);
        output.WriteLine($"8 training GIFs (1280×640, 30 frames): managed heap {start >> 20} → {first >> 20} → {second >> 20} MB; RSS {rssStart} → {Rss()} MB");
        Assert.True(first - start < 64L << 20, $"the heap kept {(first - start) >> 20} MB after 4 exports");
        Assert.True(second - first < 8L << 20, $"4 more exports grew it by {(second - first) >> 20} MB: not bounded");
    }
}
