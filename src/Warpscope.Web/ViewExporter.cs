using System.Globalization;
using Warpscope.Core;
using Warpscope.Core.Model;
using Warpscope.Core.Scenes;
using Warpscope.Rendering;

namespace Warpscope.Web;

/// <summary>
/// Draws a session's current view with the command line's renderer: the input or layer view as PNG
/// or SVG, the staged morph or the training timeline as a GIF of the two views side by side.
/// </summary>
public sealed class ViewExporter(WebLimits limits)
{
    /// <summary>One export drawn at a time: a burst of GIF requests queues instead of taking every core.</summary>
    private readonly SemaphoreSlim _one = new(1, 1);

    public async Task<Export> RenderAsync(SessionSnapshot snapshot, string what, string format, CancellationToken cancel)
    {
        await _one.WaitAsync(cancel);
        try
        {
            return await Task.Run(() => Render(snapshot, what, format), cancel);
        }
        finally
        {
            // An animation's frames are drawn in parallel, each thread with its own buffers of a few MB: give
            // them back to the system once it is written (10 training GIFs left 250 MB behind, issue 13).
            if (format == "gif") GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            _one.Release();
        }
    }

    public sealed record Export(byte[] Bytes, string ContentType, string FileName);

    public Export Render(SessionSnapshot snapshot, string what, string format)
    {
        var state = snapshot.State;
        var dataset = snapshot.Dataset;
        var size = limits.ExportSize;
        var layerView = state.LayerView(size, 64);
        var view = new ModelView(snapshot.Network, dataset.ClassNames, dataset);
        switch (what, format)
        {
            case ("input" or "layer", "png" or "svg"):
            {
                if (what == "layer" && state.Layer == 0) throw new UserInputException("the network has no hidden layer to export");
                var scene = what == "input" ? view.Input(state.InputView(size))
                    : snapshot.MorphT is { } t ? view.Morph(layerView).At(t)
                    : view.View(layerView);
                using var renderer = new SceneRenderer();
                return format == "png"
                    ? new Export(renderer.Png([scene], size, size), "image/png", $"warpscope-{what}.png")
                    : new Export(renderer.Svg([scene], size, size), "image/svg+xml", $"warpscope-{what}.svg");
            }
            case ("morph", "gif"):
            {
                if (state.Layer == 0) throw new UserInputException("the network has no hidden layer to morph through");
                var morph = view.Morph(layerView);
                var frames = limits.ExportFrames;
                return Gif("morph", size, size, frames, i => [morph.Frame(i, frames)]);
            }
            case ("training", "gif"):
            {
                var timeline = snapshot.Timeline;
                var frames = Math.Clamp(timeline.Count, 1, limits.ExportFrames);
                var panels = state.Layer > 0 ? 2 : 1;
                return Gif("training", size * panels, size, frames, i =>
                {
                    var (then, at) = view.Replay(timeline, i, frames);
                    var input = then.Input(state.InputView(size) with { Title = string.Create(CultureInfo.InvariantCulture, $"epoch {at.Epoch}") });
                    return panels == 1 ? [input] : [input, then.View(layerView)];
                });
            }
            default:
                throw new UserInputException($"cannot export '{what}' as '{format}'; use input or layer as png or svg, morph or training as gif");
        }
    }

    private static Export Gif(string what, int width, int height, int frames, Func<int, IReadOnlyList<Scene>> frameAt)
    {
        var path = Path.Combine(Path.GetTempPath(), $"warpscope-{Guid.NewGuid():N}.gif");
        try
        {
            AnimationExport.Write(path, width, height, 15, frames, frameAt, holdFirst: 5, holdLast: 15);
            return new Export(File.ReadAllBytes(path), "image/gif", $"warpscope-{what}.gif");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
