using Microsoft.Playwright;

namespace Warpscope.Web.Tests.Browser;

/// <summary>Issue 17 in the playground: the layer probes beside the diagram, and the ring's topology warning.</summary>
public class ProbeTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ProbeLayers_ShowsABarPerLayer_AndWarnsWhenNo2WideNetCanPullTheDiskOut()
    {
        var (page, problems) = await fixture.OpenAsync("data=rings&points=400&layers=2,2&seed=1");
        await page.WaitForFunctionAsync("() => window.warpscope.frames > 0");
        await page.Locator("#probe").ClickAsync();
        await page.WaitForFunctionAsync("() => Array.isArray(window.warpscope.probes)");
        var accuracies = await page.EvaluateAsync<double[]>("() => window.warpscope.probes");
        Assert.Equal(3, accuracies.Length); // the input and two hidden layers
        Assert.Equal(3, await page.Locator("#probe-bars li").CountAsync());
        // The disk inside the ring: no straight line on x, y gets far past chance.
        Assert.InRange(accuracies[0], 0.3, 0.75);
        Assert.StartsWith("input (2)", await page.Locator("#probe-bars li").First.TextContentAsync());
        Assert.True(await page.Locator("#probe-warning").IsVisibleAsync());
        Assert.Contains("ring", await page.Locator("#probe-warning").TextContentAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathOf("web/probes-rings-2-2.png"), FullPage = true });

        // A 3-unit layer can lift the disk out: probed again, no warning.
        await page.GotoAsync(fixture.Url + "/?data=rings&points=400&layers=3&seed=1");
        await page.WaitForFunctionAsync("() => window.warpscope.frames > 0 && window.warpscope.state.includes('layers=3&')");
        await page.Locator("#probe").ClickAsync();
        await page.WaitForFunctionAsync("() => Array.isArray(window.warpscope.probes)");
        Assert.Equal(2, (await page.EvaluateAsync<double[]>("() => window.warpscope.probes")).Length);
        Assert.False(await page.Locator("#probe-warning").IsVisibleAsync());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.Context.CloseAsync();
    }
}
