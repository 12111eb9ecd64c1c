using System.Globalization;
using System.Text.Json;
using Warpscope.Rendering;

namespace Warpscope.Web.Tests.Browser;

/// <summary>
/// One painter's contract (issue 15): the page's draw.js and palette.js paint what ScenePainter paints.
/// The page's own modules, loaded in Chromium, give the plot's paint order, the ticks and their labels
/// over many windows, and every tint, class colour and stretch colour; each must equal the renderer's.
/// </summary>
public class PainterContractTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly double[][] Windows =
    [
        [-6, 6], [-1.05, 1.05], [-0.004, 0.0037], [0, 1], [-31.7, 29.2], [-1234.5, 98765], [0.25, 0.2513], [-3e5, 2e5], [-2.5, -0.5], [1e-3, 1.2e-3],
    ];

    /// <summary>Area factors from 1/64 to 64 (the colour saturates at 16), as floats: the renderer's own values.</summary>
    private static readonly float[] Stretches = [.. Enumerable.Range(-60, 121).Select(e => MathF.Pow(2, e / 10f)), 0f, 1e-35f, 0.3f, 3.7f];

    [Fact]
    public async Task ThePagesPaintOrderTicksAndPalette_AreTheRenderers()
    {
        var (page, problems) = await fixture.OpenAsync();
        var json = await page.EvaluateAsync<string>("""
            async ([windows, stretches]) => {
              const draw = await import('/app/js/draw.js');
              const palette = await import('/app/js/palette.js');
              const ticks = windows.map(([a, b]) => draw.ticks(a, b).map(v => [v, draw.formatTick(v)]));
              const tints = [];
              for (let classes = 2; classes <= 8; classes++)
                for (let c = 0; c < classes; c++)
                  for (let level = 0; level < 256; level++) tints.push(palette.tint(c, level / 255, classes));
              const stretch = [];
              for (const s of stretches) stretch.push(palette.stretchColour(s));
              const classColours = [...Array(8).keys()].map(c => palette.classColour(c));
              return JSON.stringify({ order: draw.PLOT_ORDER, ticks, tints, stretch, classColours });
            }
            """, new object[] { Windows, Stretches.Select(s => (double)s).ToArray() });
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        Assert.Equal(ScenePainter.PlotOrder, root.GetProperty("order").EnumerateArray().Select(e => e.GetString()));

        for (var w = 0; w < Windows.Length; w++)
        {
            var expected = ScenePainter.Ticks(Windows[w][0], Windows[w][1]).Select(v => (v, ScenePainter.Format(v))).ToList();
            var actual = root.GetProperty("ticks")[w].EnumerateArray().Select(t => (t[0].GetDouble(), t[1].GetString() ?? "")).ToList();
            Assert.True(expected.Count >= 2, $"window {w}: {expected.Count} ticks");
            Assert.Equal(expected, actual);
        }

        var k = 0;
        var tints = root.GetProperty("tints");
        for (var classes = 2; classes <= 8; classes++)
            for (var c = 0; c < classes; c++)
                for (var level = 0; level < 256; level++)
                {
                    var colour = Palette.Tint(c, level / 255f, classes);
                    var js = tints[k++];
                    Assert.True((colour.Red, colour.Green, colour.Blue) == ((byte)js[0].GetInt32(), (byte)js[1].GetInt32(), (byte)js[2].GetInt32()),
                        $"tint of class {c} of {classes} at level {level}: renderer {colour}, page [{js[0]}, {js[1]}, {js[2]}]");
                }

        var stretch = root.GetProperty("stretch");
        for (var i = 0; i < Stretches.Length; i++)
        {
            var colour = Palette.Stretch(Stretches[i]);
            var js = stretch[i];
            Assert.Equal((colour.Red, colour.Green, colour.Blue), ((byte)js[0].GetInt32(), (byte)js[1].GetInt32(), (byte)js[2].GetInt32()));
        }

        var classColours = root.GetProperty("classColours").EnumerateArray().Select(e => e.GetString()).ToList();
        for (var c = 0; c < 8; c++)
        {
            var colour = Palette.Class(c);
            Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"#{colour.Red:X2}{colour.Green:X2}{colour.Blue:X2}"), classColours[c], ignoreCase: true);
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.Context.CloseAsync();
    }
}
