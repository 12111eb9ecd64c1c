using SkiaSharp;
using Warpscope.Core.Scenes;
using Warpscope.Rendering.Animation;

namespace Warpscope.Rendering;

/// <summary>
/// Renders a sequence of frames (each one or more scenes side by side) into an animation file:
/// frames are built and rasterised in parallel, a few at a time, and written strictly in order, so
/// the file is the same whatever the thread timing.
/// </summary>
public static class AnimationExport
{
    public static void Write(string path, int width, int height, double fps, int frames,
        Func<int, IReadOnlyList<Scene>> frameAt, int holdFirst = 0, int holdLast = 0, Action<int>? progress = null)
    {
        if (frames < 1) throw new ArgumentOutOfRangeException(nameof(frames));
        using var writer = AnimationFile.Create(path, width, height, fps);
        var batch = Math.Max(2, Environment.ProcessorCount * 2);
        var bitmaps = new SKBitmap[batch];
        var renderers = new SceneRenderer[batch];
        try
        {
            for (var i = 0; i < batch; i++)
            {
                bitmaps[i] = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
                renderers[i] = new SceneRenderer();
            }
            for (var start = 0; start < frames; start += batch)
            {
                var count = Math.Min(batch, frames - start);
                Parallel.For(0, count, i => renderers[i].Draw(bitmaps[i], frameAt(start + i)));
                for (var i = 0; i < count; i++)
                {
                    var index = start + i;
                    var repeat = 1 + (index == 0 ? holdFirst : 0) + (index == frames - 1 ? holdLast : 0);
                    writer.AddFrame(bitmaps[i].GetPixelSpan(), repeat);
                    progress?.Invoke(index + 1);
                }
            }
            writer.Finish();
        }
        finally
        {
            foreach (var b in bitmaps) b?.Dispose();
            foreach (var r in renderers) r?.Dispose();
        }
    }
}
