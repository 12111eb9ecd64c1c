using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Warpscope.Core.IO;
using Warpscope.Core.Model;

namespace Warpscope.Tour;

/// <summary>
/// Writes the tour's index.html (self-contained: inline style, relative links only, readable on a
/// phone) and tour.json (every measured figure). Nothing time-dependent goes in, so the same seed
/// gives the same bytes.
/// </summary>
public static class Gallery
{
    public static void Write(TourSettings settings, IReadOnlyList<TourSceneResult> scenes)
    {
        AtomicFile.WriteAllText(Path.Combine(settings.Folder, "index.html"), Html(settings, scenes));
        AtomicFile.Write(Path.Combine(settings.Folder, "tour.json"), stream => Json(stream, settings, scenes));
    }

    private static string Html(TourSettings settings, IReadOnlyList<TourSceneResult> scenes)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Warpscope tour: how neural networks warp space</title>
            <style>
            body { font-family: system-ui, -apple-system, "DejaVu Sans", sans-serif; margin: 0 auto; max-width: 980px; padding: 1rem; color: #222; line-height: 1.5; }
            h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
            h2 { font-size: 1.25rem; margin-top: 2.2rem; border-top: 1px solid #ddd; padding-top: 1rem; }
            figure { margin: 1rem 0; }
            img { max-width: 100%; height: auto; border: 1px solid #e4e4e4; }
            figcaption, .meta { color: #666; font-size: 0.9rem; }
            table { border-collapse: collapse; font-size: 0.9rem; display: block; overflow-x: auto; }
            td, th { padding: 0.2rem 0.6rem; border-bottom: 1px solid #eee; text-align: left; }
            </style>
            </head>
            <body>
            <h1>How neural networks warp space</h1>
            <p>Every picture here was drawn from networks trained for this page, and every number was measured in the same run
            (see <a href="tour.json">tour.json</a>). The scenes follow Chris Olah's <i>Neural Networks, Manifolds, and Topology</i>:
            a network separates data that no straight line can by bending the space, layer by layer, until a straight line can.</p>

            """);
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">Seed {settings.Seed}{(settings.Quick ? ", quick mode (smaller and shorter)" : "")}.</p>\n");
        foreach (var scene in scenes)
        {
            html.Append(CultureInfo.InvariantCulture, $"\n<section id=\"{scene.Id}\">\n<h2>{scene.Number}. {Encode(scene.Title)}</h2>\n<p>{Encode(scene.Caption)}</p>\n");
            foreach (var file in scene.Files)
                html.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"{Encode(file.Name)}\" alt=\"{Encode(file.Alt)}\" loading=\"lazy\"><figcaption>{Encode(file.Alt)}</figcaption></figure>\n");
            html.Append("<table><tr><th>network</th><th>data</th><th>seed</th><th>train</th><th>test</th></tr>\n");
            foreach (var n in scene.Networks)
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(n.Network)}</td><td>{Encode(n.Dataset)}</td><td>{n.Seed}</td><td>{n.TrainAccuracy:P1}</td><td>{n.TestAccuracy:P1}</td></tr>\n");
            html.Append("</table>\n</section>\n");
        }
        html.Append("\n<p class=\"meta\">Made by <code>warpscope tour</code>.</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Json(Stream stream, TourSettings settings, IReadOnlyList<TourSceneResult> scenes)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("seed", settings.Seed);
        w.WriteBoolean("quick", settings.Quick);
        w.WriteStartArray("scenes");
        foreach (var scene in scenes)
        {
            w.WriteStartObject();
            w.WriteNumber("number", scene.Number);
            w.WriteString("id", scene.Id);
            w.WriteString("title", scene.Title);
            w.WriteString("caption", scene.Caption);
            w.WriteStartObject("figures");
            foreach (var (key, value) in scene.Figures) w.WriteNumber(key, value);
            w.WriteEndObject();
            w.WriteStartArray("networks");
            foreach (var n in scene.Networks)
            {
                w.WriteStartObject();
                w.WriteString("id", n.Id);
                w.WriteString("network", n.Network);
                w.WriteString("dataset", n.Dataset);
                w.WriteNumber("seed", n.Seed);
                w.WriteNumber("trainAccuracy", n.TrainAccuracy);
                w.WriteNumber("testAccuracy", n.TestAccuracy);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("files");
            foreach (var f in scene.Files) w.WriteStringValue(f.Name);
            w.WriteEndArray();
            w.WriteStartArray("hiddenPanels");
            foreach (var panel in scene.Panels)
            {
                w.WriteStartObject();
                w.WriteString("file", panel.File);
                w.WriteString("title", panel.Title);
                w.WriteNumber("layer", panel.Stats.Layer);
                Number(w, "carriedDisagreement", panel.Stats.CarriedDisagreement);
                Number(w, "saturation", panel.Stats.Saturation);
                Number(w, "pointsNearEdge", panel.Stats.PointsNearEdge);
                w.WriteNumber("cells", panel.Stats.Cells);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, Math.Round(v, 6));
        else w.WriteNull(name);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
