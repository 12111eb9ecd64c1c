using System.Text.Json;
using Microsoft.Playwright;

namespace Warpscope.Web.Tests.Browser;

/// <summary>
/// Regression on the page (issue 16), as TensorFlow Playground's regression mode: the plane trains to a low test
/// loss, the input view's field is coloured by the predicted value (blue where it is high, orange where low, on the
/// colour bar's scale), the points by their values, and the readouts are MSE and R².
/// </summary>
public sealed class RegressionPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Plane_TrainsToALowTestLoss_AndItsFieldPointsAndColourBarHaveTheScalesColours()
    {
        var (page, problems) = await fixture.OpenAsync("data=plane&noise=0&speed=5");
        Assert.Contains("regression", await page.EvaluateAsync<string>("() => document.body.className"));
        Assert.Equal("Test loss (MSE)", await page.Locator("#test-loss-name").TextContentAsync());
        Assert.Equal("Test R²", await page.Locator("#test-accuracy-name").TextContentAsync());
        Assert.False(await page.Locator("#class-picker").IsVisibleAsync());

        await page.Locator("#play").ClickAsync();
        await page.WaitForFunctionAsync("() => parseFloat(document.querySelector('#test-loss').textContent) < 0.005", null,
            new PageWaitForFunctionOptions { Timeout = 90_000 });
        await page.Locator("#play").ClickAsync();
        await page.WaitForFunctionAsync("() => window.warpscope.lastFrame && !window.warpscope.lastFrame.playing");
        await BrowserFixture.WaitForFramesAsync(page, 1);
        Assert.True(await page.EvaluateAsync<double>("() => window.warpscope.lastFrame.testAccuracy") > 0.97, "test R²");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathOf("web/regression-plane.png"), FullPage = true });

        // Pixels of the input view, against the page's own palette at the plane's true value there ((x + y)/10):
        // the field at the high corner and the low one, the colour bar's two ends, and every training point's centre.
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const palette = await import('/app/js/palette.js');
              const draw = await import('/app/js/draw.js');
              const { canvas, view, layout } = window.warpscope.inputCanvas();
              const ctx = canvas.getContext('2d');
              const dpr = canvas.width / canvas.getBoundingClientRect().width;
              const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
              const at = (px, py) => { const i = 4 * (Math.round(py * dpr) * canvas.width + Math.round(px * dpr)); return [pixels[i], pixels[i + 1], pixels[i + 2]]; };
              const scale = view.values;
              // The field where no point covers it: the pixel nearest (x, y) at least 3 point radii from every point.
              const clear = 3 * draw.pointRadius(layout);
              const free = (px, py) => view.points.every((p) => Math.hypot(layout.x(p.x) - px, layout.y(p.y) - py) > clear);
              const field = (x, y) => {
                const [cx, cy] = [layout.x(x), layout.y(y)];
                for (let d = 0; d < 60; d++)
                  for (let dx = -d; dx <= d; dx++)
                    for (const dy of [-d, d]) {
                      const [px, py] = [cx + dx, cy + dy];
                      if (!layout.inside(px - 4, py - 4) || !layout.inside(px + 4, py + 4) || !free(px, py)) continue;
                      const [wx, wy] = layout.toWindow(px, py);
                      return { drawn: at(px, py), expected: palette.valueTint(palette.valuePosition(scale, (wx + wy) / 10)), where: [wx, wy] };
                    }
                return null;
              };
              const w = view.window;
              const inset = 0.06 * (w.xmax - w.xmin);
              const bar = draw.colourBarRect(layout);
              const barAt = (v) => {
                const y = bar.top + bar.height - ((v - scale.low) / (scale.high - scale.low)) * bar.height;
                return { drawn: at(bar.left + 3, y), expected: palette.valueColour(palette.valuePosition(scale, v)) };
              };
              // Every training point's level is its value's; a point no other overlaps shows that level's colour at its centre.
              let points = 0, levels = 0, alone = 0, matching = 0;
              const apart = 2 * draw.pointRadius(layout) + 2;
              for (const p of view.points) {
                if (p.test) continue;
                points++;
                const u = palette.valuePosition(scale, (p.x + p.y) / 10);
                if (Math.abs(p.cls - (32 + Math.round(32 * (2 * u - 1)))) <= 1) levels++;
                const [px, py] = [layout.x(p.x), layout.y(p.y)];
                if (!view.points.every((q) => q === p || Math.hypot(layout.x(q.x) - px, layout.y(q.y) - py) > apart)) continue;
                alone++;
                const drawn = at(px, py);
                const fill = palette.valueLevelColour(p.cls);
                if (drawn.every((c, k) => Math.abs(c - fill[k]) <= 3)) matching++;
              }
              return JSON.stringify({
                scale, high: field(w.xmax - inset, w.ymax - inset), low: field(w.xmin + inset, w.ymin + inset),
                barHigh: barAt(scale.high - 0.03 * (scale.high - scale.low)), barLow: barAt(scale.low + 0.03 * (scale.high - scale.low)),
                points, levels, alone, matching, legend: document.querySelector('#legend').textContent,
              });
            }
            """);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var scale = root.GetProperty("scale");
        Assert.Equal(-scale.GetProperty("low").GetDouble(), scale.GetProperty("high").GetDouble(), 6);
        Assert.Equal("value", scale.GetProperty("name").GetString());

        var high = Colours(root.GetProperty("high"));
        var low = Colours(root.GetProperty("low"));
        AssertNear(high, 8, "field at the high corner");
        AssertNear(low, 8, "field at the low corner");
        Assert.True(high.Drawn[2] > high.Drawn[0] + 60, $"the high corner is blue: {Show(high.Drawn)}");
        Assert.True(low.Drawn[0] > low.Drawn[2] + 60, $"the low corner is orange: {Show(low.Drawn)}");

        var barHigh = Colours(root.GetProperty("barHigh"));
        var barLow = Colours(root.GetProperty("barLow"));
        AssertNear(barHigh, 2, "the colour bar's top");
        AssertNear(barLow, 2, "the colour bar's bottom");
        Assert.True(barHigh.Drawn[2] > 150 && barHigh.Drawn[0] < 60, $"bar top {Show(barHigh.Drawn)}");
        Assert.True(barLow.Drawn[0] > 200 && barLow.Drawn[2] < 60, $"bar bottom {Show(barLow.Drawn)}");

        var points = root.GetProperty("points").GetInt32();
        Assert.True(points > 100, $"{points} training points");
        var alone = root.GetProperty("alone").GetInt32();
        Assert.True(alone >= 30, $"{alone} training points apart from the others");
        Assert.True(root.GetProperty("matching").GetInt32() >= 0.95 * alone, $"{root.GetProperty("matching")} of {alone} lone points are their value's colour");
        Assert.Equal(points, root.GetProperty("levels").GetInt32());
        Assert.Contains("value: low → high", root.GetProperty("legend").GetString());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Multigauss_Plays_ARegressionCsv_Uploads_WithItsValuesNameOnTheColourBar_AndARegressionModel_Opens()
    {
        var (page, problems) = await fixture.OpenAsync("data=multigauss&layers=8,8,2&speed=5");
        await page.Locator("#play").ClickAsync();
        await page.WaitForFunctionAsync("() => parseInt(document.querySelector('#epoch').textContent) >= 60", null, new PageWaitForFunctionOptions { Timeout = 90_000 });
        await page.Locator("#play").ClickAsync();
        await page.WaitForFunctionAsync("() => window.warpscope.lastFrame && !window.warpscope.lastFrame.playing");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathOf("web/regression-multigauss.png"), FullPage = true });
        Assert.True(await page.EvaluateAsync<bool>("() => window.warpscope.lastFrame.regression && window.warpscope.lastFrame.views.every(v => v.values)"));

        // A house-price-like CSV: values in the hundreds of thousands, learnt standardised, shown in their own units.
        var random = new Random(5);
        var rows = Enumerable.Range(0, 300).Select(_ => (X: random.NextDouble() * 8 - 4, Y: random.NextDouble() * 8 - 4)).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"warpscope-prices-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, ["x,y,price", .. rows.Select(r => FormattableString.Invariant($"{r.X:F3},{r.Y:F3},{250_000 + 40_000 * r.X - 20_000 * r.Y * r.Y / 4:F0}"))]);
        try
        {
            await page.Locator("#csv-file").SetInputFilesAsync(path);
            await page.WaitForFunctionAsync("() => window.warpscope.state.includes('task=regression') && window.warpscope.lastFrame.views[0].values?.name === 'price'");
        }
        finally
        {
            File.Delete(path);
        }
        await page.Locator("#play").ClickAsync();
        await page.WaitForFunctionAsync("() => parseInt(document.querySelector('#epoch').textContent) >= 80", null, new PageWaitForFunctionOptions { Timeout = 90_000 });
        await page.Locator("#play").ClickAsync();
        await page.WaitForFunctionAsync("() => window.warpscope.lastFrame && !window.warpscope.lastFrame.playing");
        var scale = await page.EvaluateAsync<double[]>("() => [window.warpscope.lastFrame.views[0].values.low, window.warpscope.lastFrame.views[0].values.high]");
        Assert.InRange(scale[0], 0, 250_000);
        Assert.InRange(scale[1], 250_000, 450_000);
        Assert.True(await page.EvaluateAsync<double>("() => window.warpscope.lastFrame.testAccuracy") > 0.8, "test R² after 80 epochs");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathOf("web/regression-csv.png"), FullPage = true });

        // A regression model trained here on the plane: the page takes its setup and weights (its R² at epoch 0).
        var run = PlaygroundState.Parse("data=plane&points=400&layers=3", new WebLimits()).Setup.Start();
        run.TrainEpochs(30);
        var model = Path.Combine(Path.GetTempPath(), $"warpscope-plane-{Guid.NewGuid():N}.json");
        Warpscope.Core.ModelFiles.ModelFile.Save(model, run.ToModel());
        try
        {
            await page.Locator("#model-file").SetInputFilesAsync(model);
            await page.WaitForFunctionAsync("() => window.warpscope.opened && window.warpscope.frames > window.warpscope.openedAtFrame");
        }
        finally
        {
            File.Delete(model);
        }
        Assert.Contains("data=plane&", await page.EvaluateAsync<string>("() => window.warpscope.state"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.warpscope.lastFrame.regression && window.warpscope.lastFrame.epoch === 0"));
        Assert.Equal(run.TrainFigures.RSquared, await page.EvaluateAsync<double>("() => window.warpscope.lastFrame.trainAccuracy"), 3);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OnANarrowScreen_TheColourBarAndItsNumbers_StayInsideEachView()
    {
        var (page, problems) = await fixture.OpenAsync("data=plane&layers=4,2", 400, 900);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathOf("web/regression-plane-narrow.png"), FullPage = true });
        var overflow = await page.EvaluateAsync<double[]>("""
            async () => {
              const draw = await import('/app/js/draw.js');
              return [window.warpscope.inputCanvas(), window.warpscope.layerCanvas()].map(({ canvas, view, layout }) => {
                const ctx = canvas.getContext('2d');
                ctx.font = '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
                const bar = draw.colourBarRect(layout);
                const widest = Math.max(...draw.ticks(view.values.low, view.values.high).map(t => ctx.measureText(draw.formatTick(t)).width));
                return bar.left + bar.width + 6 + widest - canvas.getBoundingClientRect().width;
              });
            }
            """);
        Assert.All(overflow, o => Assert.True(o <= 0, $"the colour bar's numbers reach {o:F1} px past the view"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.Context.CloseAsync();
    }

    private sealed record Pair(int[] Drawn, int[] Expected);

    private static Pair Colours(JsonElement e) =>
        e.ValueKind == JsonValueKind.Null ? throw new InvalidOperationException("no field pixel free of points near the corner") : new([.. e.GetProperty("drawn").EnumerateArray().Select(c => c.GetInt32())], [.. e.GetProperty("expected").EnumerateArray().Select(c => c.GetInt32())]);

    private static void AssertNear(Pair pair, int tolerance, string what)
    {
        for (var k = 0; k < 3; k++)
            Assert.True(Math.Abs(pair.Drawn[k] - pair.Expected[k]) <= tolerance, $"{what}: drawn {Show(pair.Drawn)}, the palette's {Show(pair.Expected)}");
    }

    private static string Show(int[] rgb) => $"rgb({string.Join(',', rgb)})";
}
