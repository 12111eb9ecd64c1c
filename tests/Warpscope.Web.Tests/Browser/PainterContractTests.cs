using System.Globalization;
using System.Text.Json;
using Warpscope.Core.Scenes;
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

    /// <summary>Positions on a regression view's scale: a fine sweep of [0, 1] (as floats), the quantisation's half steps, and beyond.</summary>
    private static readonly float[] Positions =
        [.. Enumerable.Range(0, 2049).Select(i => i / 2048f), .. Enumerable.Range(0, 65).Select(k => (k + 0.5f) / 64), -0.5f, 1.5f, float.NaN];

    /// <summary>Regression scales (ValueScale: symmetric about 0, or a range) and values across and beyond each.</summary>
    private static readonly ValueScale[] Scales = [new(-1, 1), new(-1.2451248f, 1.2451248f), new(0.5f, 3.25f), new(170_000, 330_000), new(-0.004f, 0.004f)];

    [Fact]
    public async Task ThePagesRegressionPalette_IsTheRenderers()
    {
        var (page, problems) = await fixture.OpenAsync();
        var values = Scales.Select(scale => Enumerable.Range(-20, 141).Select(i => scale.Low + i / 100f * (scale.High - scale.Low)).ToArray()).ToArray();
        var json = await page.EvaluateAsync<string>("""
            async ([positions, scales, values]) => {
              const palette = await import('/app/js/palette.js');
              const u = positions.map(p => p === null ? NaN : p);
              return JSON.stringify({
                points: u.map(x => palette.valueColour(x)),
                tints: u.map(x => palette.valueTint(x)),
                levels: [...Array(65).keys()].map(k => palette.valueLevelColour(k)),
                positions: scales.map(([low, high], i) => values[i].map(v => palette.valuePosition({ low, high }, v))),
              });
            }
            """, new object[] { Positions.Select(p => float.IsNaN(p) ? (double?)null : p).ToArray(), Scales.Select(v => new double[] { v.Low, v.High }).ToArray(), values.Select(v => v.Select(x => (double)x).ToArray()).ToArray() });
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        for (var i = 0; i < Positions.Length; i++)
        {
            var point = Palette.Value(Positions[i]);
            Assert.True((point.Red, point.Green, point.Blue) == Rgb(root.GetProperty("points")[i]), $"point colour at u = {Positions[i]:R}: renderer {point}, page {root.GetProperty("points")[i]}");
            if (float.IsNaN(Positions[i])) continue;
            var tint = Palette.ValueTint(Positions[i]);
            Assert.True((tint.Red, tint.Green, tint.Blue) == Rgb(root.GetProperty("tints")[i]), $"field tint at u = {Positions[i]:R}: renderer {tint}, page {root.GetProperty("tints")[i]}");
        }
        // A frame's point level k is the renderer's colour at u = k/64 (FrameWriter.ValueLevel).
        for (var k = 0; k <= 64; k++)
        {
            var colour = Palette.Value(k / 64f);
            Assert.Equal(k, FrameWriter.ValueLevel(k / 64f));
            Assert.Equal((colour.Red, colour.Green, colour.Blue), Rgb(root.GetProperty("levels")[k]));
        }
        // The position on the scale in single precision (exp may differ from .NET's in its last bit).
        for (var s = 0; s < Scales.Length; s++)
            for (var i = 0; i < values[s].Length; i++)
                Assert.Equal(Scales[s].Position(values[s][i]), root.GetProperty("positions")[s][i].GetSingle(), 1e-6f);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.Context.CloseAsync();
    }

    private static (byte, byte, byte) Rgb(JsonElement e) => ((byte)e[0].GetInt32(), (byte)e[1].GetInt32(), (byte)e[2].GetInt32());

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
