using System.Text.Json;
using Microsoft.Playwright;

namespace Warpscope.Web.Tests.Browser;

/// <summary>
/// 3-D input data on the page (issue 16): Olah's linked tori, fed x, y and z, train with one 4-unit layer; the input
/// view is the 3-D scatter with the decision field at three z-slices, turned by dragging as a 3-D hidden view is,
/// and a click on it adds no point but says why.
/// </summary>
public sealed class ToriPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>The input view's pixels near each class colour (point cores and strongly tinted slices), and a checksum of all of them.</summary>
    private const string InputPixels = """
        () => {
          const { canvas } = window.warpscope.inputCanvas();
          const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
          const rgb = [[0x00, 0x72, 0xB2], [0xE6, 0x9F, 0x00]]; // palette.js: class 0's and class 1's colours
          const near = [0, 0];
          let sum = 0;
          for (let i = 0; i < pixels.length; i += 4) {
            sum = (sum * 31 + pixels[i] + 7 * pixels[i + 1] + 13 * pixels[i + 2]) % 1000000007;
            for (let c = 0; c < 2; c++)
              if (Math.abs(pixels[i] - rgb[c][0]) + Math.abs(pixels[i + 1] - rgb[c][1]) + Math.abs(pixels[i + 2] - rgb[c][2]) < 40) near[c]++;
          }
          return { near, sum };
        }
        """;

    [Fact]
    public async Task Tori_TrainsAbove95Percent_ItsInputViewIsA3DScatterOfBothClasses_AndDraggingTurnsIt()
    {
        var (page, problems) = await fixture.OpenAsync("data=tori&layers=4&speed=5");
        await page.WaitForFunctionAsync("() => window.warpscope.lastFrame && window.warpscope.lastFrame.views[0].threeD === true");
        Assert.Contains("features=x,y,z", await page.EvaluateAsync<string>("() => window.warpscope.state"));
        Assert.True(await page.Locator("#feature-x").IsDisabledAsync(), "the feature choices are the plane's");

        await page.Locator("#play").ClickAsync();
        await page.WaitForFunctionAsync("() => window.warpscope.lastFrame.trainAccuracy >= 0.95", null, new PageWaitForFunctionOptions { Timeout = 120_000 });
        await page.Locator("#play").ClickAsync();
        await page.WaitForFunctionAsync("() => window.warpscope.lastFrame && !window.warpscope.lastFrame.playing");
        await BrowserFixture.WaitForFramesAsync(page, 1);

        var input = await page.EvaluateAsync<string>("() => JSON.stringify((({ title, subtitle, labels, regions, lines }) => ({ title, subtitle, labels: labels.map((l) => l.text), regions: regions.length, lines: lines.length }))(window.warpscope.inputCanvas().view))");
        using (var doc = JsonDocument.Parse(input))
        {
            var view = doc.RootElement;
            Assert.Equal("input space (3-D)", view.GetProperty("title").GetString());
            Assert.Equal(["x", "y", "z"], view.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
            Assert.True(view.GetProperty("regions").GetInt32() > 0, input);
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathOf("web/tori-3d.png"), FullPage = true });

        using var before = JsonDocument.Parse(await page.EvaluateAsync<string>($"() => JSON.stringify(({InputPixels})())"));
        var near = before.RootElement.GetProperty("near").EnumerateArray().Select(n => n.GetInt32()).ToArray();
        var sum = before.RootElement.GetProperty("sum").GetInt64();
        Assert.True(near[0] > 100 && near[1] > 100, $"pixels of class 0's and class 1's colour: {near[0]}, {near[1]}");

        // A drag turns the input view (and the state's camera); the next frame's pixels differ.
        var frames = await page.EvaluateAsync<int>("() => window.warpscope.frames");
        var box = (await page.Locator("#input-view").BoundingBoxAsync())!;
        var (x, y) = (box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x + 90, y + 20, new MouseMoveOptions { Steps = 8 });
        await page.Mouse.UpAsync();
        await page.WaitForFunctionAsync("() => !window.warpscope.state.includes('yaw=30&')");
        await page.WaitForFunctionAsync($"() => window.warpscope.frames > {frames}");
        await page.WaitForFunctionAsync($"() => ({InputPixels})().sum !== {sum}", null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathOf("web/tori-3d-turned.png"), FullPage = true });

        // A click (no drag) adds no point: the page says why in one line.
        await page.Mouse.ClickAsync(x, y);
        await page.WaitForFunctionAsync("() => document.querySelector('#status').textContent.includes('3-D')");
        Assert.DoesNotContain('\n', await page.Locator("#status").TextContentAsync() ?? "");
        Assert.Equal(1000, await page.EvaluateAsync<int>("() => window.warpscope.inputCanvas().view.points.length"));

        // The 4-unit layer as PCA-3: a 3-D hidden view beside the 3-D input view, both turned by the one camera.
        await page.Locator("#projection").SelectOptionAsync("pca3");
        await page.WaitForFunctionAsync("() => window.warpscope.lastFrame.views[1].threeD === true && window.warpscope.lastFrame.views[0].threeD === true");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathOf("web/tori-pca3.png"), FullPage = true });

        // The morph is the volume morph: the input's 3-D scatter carried into the layer's PCA-3 space.
        await page.Locator("#morph-t").FillAsync("0.5");
        await page.WaitForFunctionAsync("() => window.warpscope.lastFrame.views[1].kind === 2 && window.warpscope.lastFrame.views[1].points.length === 1000");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)"); // the slider scrolled the page: the sticky header would land mid-picture
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathOf("web/tori-morph.png"), FullPage = true });
        // The test's own repeated reads of the canvas draw Chromium's advice to read it "frequently"; the page never reads it.
        problems.RemoveAll(p => p.Contains("willReadFrequently", StringComparison.Ordinal));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.Context.CloseAsync();
    }
}
