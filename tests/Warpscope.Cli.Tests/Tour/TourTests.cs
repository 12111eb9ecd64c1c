using System.Text.Json;
using System.Text.RegularExpressions;
using SixLabors.ImageSharp;
using Warpscope.Tour;

namespace Warpscope.Cli.Tests.Tour;

/// <summary>The quick tour, run twice with the same seed (once into artifacts/tour for people to look at).</summary>
public sealed class QuickTourFixture : IDisposable
{
    public QuickTourFixture()
    {
        First = Artifacts.PathOf("tour");
        Second = Directory.CreateTempSubdirectory("warpscope-tour-").FullName;
        foreach (var folder in new[] { First, Second })
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            var settings = new TourSettings(folder, Quick: true, Seed: 1);
            Gallery.Write(settings, new TourRunner(settings).Run());
        }
        Json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(First, "tour.json")));
    }

    public string First { get; }
    public string Second { get; }
    public JsonDocument Json { get; }

    public double Figure(string scene, string figure) =>
        Json.RootElement.GetProperty("scenes").EnumerateArray().Single(s => s.GetProperty("id").GetString() == scene)
            .GetProperty("figures").GetProperty(figure).GetDouble();

    public void Dispose()
    {
        Json.Dispose();
        Directory.Delete(Second, recursive: true);
    }
}

public class TourTests(QuickTourFixture tour) : IClassFixture<QuickTourFixture>
{
    [Fact]
    public void SceneClaims_HoldInTheRunsOwnFigures()
    {
        Assert.True(tour.Figure("simple-data", "linearAccuracy") < 0.90);
        Assert.Equal(1.0, tour.Figure("simple-data", "twoUnitAccuracy"));
        Assert.True(tour.Figure("spiral-too-simple", "accuracy") < 0.80);
        Assert.True(tour.Figure("spiral-deep-enough", "accuracy") >= 0.99);
        Assert.True(tour.Figure("circles-shallow", "accuracy") < 0.95);
        Assert.Equal(1.0, tour.Figure("circles-lifted", "accuracy"));
        foreach (var scene in new[] { "simple-data", "spiral-deep-enough", "circles-lifted" })
            Assert.True(tour.Figure(scene, "probeAccuracy") >= 0.99, $"{scene}: probe {tour.Figure(scene, "probeAccuracy")}");
        Assert.True(tour.Figure("easy-way-out", "denseAccuracy") <= tour.Figure("easy-way-out", "trainAccuracy") + 0.01);
    }

    [Fact]
    public void EveryHiddenPanel_ReportsItsFigures_AndNoSheetContradictsTheOutputLayer()
    {
        var panels = tour.Json.RootElement.GetProperty("scenes").EnumerateArray()
            .SelectMany(s => s.GetProperty("hiddenPanels").EnumerateArray()).ToList();
        // 1-two-units, 1-morph, 2-training, 3-training, 3-layers (two hidden panels), 3-morph, 4-training, 5-lift, 5-morph.
        Assert.Equal(10, panels.Count);
        foreach (var panel in panels)
        {
            var file = panel.GetProperty("file").GetString();
            Assert.True(panel.GetProperty("layer").GetInt32() >= 1, file);
            Assert.InRange(panel.GetProperty("saturation").GetDouble(), 0, 1);
            Assert.True(panel.GetProperty("cells").GetInt32() > 0, file);
            // Every panel of the tour shows a whole last layer (2 or 3 units): the audit applies to all of them.
            Assert.InRange(panel.GetProperty("carriedDisagreement").GetDouble(), 0, 0.005);
            // Weight decay (deep spiral) and max-norm (2-unit layers) keep every layer out of tanh's flat ends: legible.
            Assert.InRange(panel.GetProperty("pointsNearEdge").GetDouble(), 0, 0.3);
        }
    }

    [Fact]
    public void Captions_CarryTheMeasuredNumbers()
    {
        var scene = tour.Json.RootElement.GetProperty("scenes")[0];
        var caption = scene.GetProperty("caption").GetString()!;
        var linear = scene.GetProperty("figures").GetProperty("linearAccuracy").GetDouble();
        Assert.Contains((linear * 100).ToString("F1", System.Globalization.CultureInfo.InvariantCulture), caption);
    }

    [Fact]
    public void Index_LinksOnlyFilesThatExistAndDecode_AndNothingOutside()
    {
        var html = File.ReadAllText(Path.Combine(tour.First, "index.html"));
        Assert.DoesNotMatch(@"(https?:)?//", html.Replace("<!DOCTYPE html>", ""));
        var links = Regex.Matches(html, "(?:src|href)=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.True(links.Count >= 13, $"{links.Count} links");
        foreach (var link in links)
        {
            Assert.DoesNotContain("..", link);
            Assert.False(Path.IsPathRooted(link), link);
            var path = Path.Combine(tour.First, link);
            Assert.True(File.Exists(path), $"{link} is missing");
            if (link.EndsWith(".png", StringComparison.Ordinal) || link.EndsWith(".gif", StringComparison.Ordinal))
            {
                using var image = Image.Load(path);
                Assert.True(image.Width > 100);
            }
        }
        Assert.Contains("viewport", html);
    }

    [Fact]
    public void SameSeed_GivesByteIdenticalFiles()
    {
        var first = Directory.GetFiles(tour.First).Select(Path.GetFileName).Order().ToList();
        var second = Directory.GetFiles(tour.Second).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(first, second);
        foreach (var name in first)
            Assert.True(File.ReadAllBytes(Path.Combine(tour.First, name!)).SequenceEqual(File.ReadAllBytes(Path.Combine(tour.Second, name!))), $"{name} differs");
    }
}
