using System.Buffers;
using System.Numerics;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;

namespace Warpscope.Core.Representations;

/// <summary>
/// A regular grid of the input rectangle carried into the space of hidden layer k (1-based; 0 is
/// the input features themselves). Each line is sampled densely, and more densely where its image
/// bends sharply: a segment is split while the image turns by more than
/// <see cref="GridOptions.MaxTurnDegrees"/> at either end or is longer than
/// <see cref="GridOptions.MaxSegmentFraction"/> of the image's extent.
/// </summary>
public sealed class WarpedGrid
{
    private WarpedGrid(int layer, int dimensions, IReadOnlyList<GridLine> lines)
    {
        Layer = layer;
        Dimensions = dimensions;
        Lines = lines;
    }

    public int Layer { get; }
    public int Dimensions { get; }
    public IReadOnlyList<GridLine> Lines { get; }

    public static WarpedGrid Build(Network network, int layer, PlaneRect rect, GridOptions? options = null, ForwardPass? pass = null, LayerStage stage = LayerStage.Activations)
    {
        options ??= new GridOptions();
        LayerMaps.CheckLayer(network, layer);
        pass ??= new ForwardPass(network);
        var lines = new List<GridTrack>();
        for (var i = 0; i < options.LinesPerAxis; i++)
        {
            var f = options.LinesPerAxis == 1 ? 0.5f : (float)i / (options.LinesPerAxis - 1);
            lines.Add(GridTrack.Uniform(true, rect.XMin + f * rect.Width, options.Samples));
            lines.Add(GridTrack.Uniform(false, rect.YMin + f * rect.Height, options.Samples));
        }

        // Each round maps only the samples it added (a 16-unit layer's grid mapped every sample again each
        // round, and copied it, issue 12): mapped values live in one store, a sample's row of units at its id.
        var units = LayerMaps.Width(network, layer);
        // Pooled: a 16-unit grid's store runs to a few MB, fresh ones each frame kept the GC busy.
        var store = ArrayPool<float>.Shared.Rent(units * lines.Count * 4 * (options.Samples + 1));
        var result = new GridLine[lines.Count];
        try
        {
            var count = 0;
            for (var round = 0; ; round++)
            {
                count = MapNew(lines, rect, pass, layer, stage, units, ref store, count);
                if (round == options.RefineRounds) break;
                if (!Refine(lines, store, units, options)) break;
            }
            for (var l = 0; l < lines.Count; l++)
            {
                var line = lines[l];
                var n = line.S.Count;
                var values = new float[units * n];
                for (var i = 0; i < n; i++)
                {
                    var id = line.Ids[i];
                    for (var u = 0; u < units; u++) values[u * n + i] = store[id * units + u];
                }
                var input = line.S.Select(t => At(line.Vertical, line.Value, t, rect)).ToArray();
                result[l] = new GridLine(line.Vertical, line.Value, input, new PointCloud(units, n, values));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(store);
        }
        return new WarpedGrid(layer, units, result);
    }

    /// <summary>One grid line while it is refined: its samples' positions along it (0 to 1) and their ids in the store (−1: not mapped yet).</summary>
    private sealed record GridTrack(bool Vertical, float Value, List<float> S, List<int> Ids)
    {
        public static GridTrack Uniform(bool vertical, float value, int samples) =>
            new(vertical, value, [.. Enumerable.Range(0, samples + 1).Select(j => (float)j / samples)], [.. Enumerable.Repeat(-1, samples + 1)]);
    }

    private static Vector2 At(bool vertical, float value, float s, PlaneRect rect) =>
        vertical ? new Vector2(value, rect.YMin + s * rect.Height) : new Vector2(rect.XMin + s * rect.Width, value);

    /// <summary>Maps every sample not mapped yet into the store (rows of units, grown as needed); returns how many samples the store holds.</summary>
    private static int MapNew(List<GridTrack> lines, PlaneRect rect, ForwardPass pass, int layer, LayerStage stage, int units, ref float[] store, int count)
    {
        var x = new List<float>();
        var y = new List<float>();
        foreach (var line in lines)
        {
            for (var i = 0; i < line.S.Count; i++)
            {
                if (line.Ids[i] >= 0) continue;
                var p = At(line.Vertical, line.Value, line.S[i], rect);
                x.Add(p.X);
                y.Add(p.Y);
                line.Ids[i] = count + x.Count - 1;
            }
        }
        var n = x.Count;
        if (n == 0) return count;
        if (store.Length < units * (count + n))
        {
            var larger = ArrayPool<float>.Shared.Rent(Math.Max(units * (count + n), 2 * store.Length));
            store.AsSpan(0, units * count).CopyTo(larger);
            ArrayPool<float>.Shared.Return(store);
            store = larger;
        }
        var mapped = LayerMaps.Map(pass, layer, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(x), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(y), stage);
        for (var u = 0; u < units; u++)
        {
            var axis = mapped.Axis(u);
            for (var i = 0; i < n; i++) store[(count + i) * units + u] = axis[i];
        }
        return count + n;
    }

    /// <summary>Inserts midpoints where the image bends or stretches; false when nothing changed.</summary>
    private static bool Refine(List<GridTrack> lines, float[] store, int units, GridOptions options)
    {
        // Extent of the image: the diagonal of its bounding box in the layer's space.
        double extent = 0;
        for (var k = 0; k < units; k++)
        {
            float min = float.PositiveInfinity, max = float.NegativeInfinity;
            foreach (var line in lines)
            {
                foreach (var id in line.Ids)
                {
                    var v = store[id * units + k];
                    min = MathF.Min(min, v);
                    max = MathF.Max(max, v);
                }
            }
            var span = max >= min ? max - min : 0;
            extent += (double)span * span;
        }
        var maxLength = Math.Sqrt(extent) * options.MaxSegmentFraction;
        var cosMax = Math.Cos(options.MaxTurnDegrees * Math.PI / 180);
        var changed = false;
        for (var l = 0; l < lines.Count; l++)
        {
            var (s, ids) = (lines[l].S, lines[l].Ids);
            var n = s.Count;
            var split = new bool[n - 1];
            for (var i = 0; i + 1 < n; i++)
            {
                var length = Distance(store, units, ids[i], ids[i + 1]);
                if (length > maxLength) split[i] = true;
                if (i + 2 < n && Cosine(store, units, ids[i], ids[i + 1], ids[i + 2]) < cosMax)
                {
                    split[i] = true;
                    split[i + 1] = true;
                }
            }
            if (n - 1 + split.Count(b => b) > options.MaxSamplesPerLine) continue;
            var refined = new List<float>(n * 2);
            var refinedIds = new List<int>(n * 2);
            for (var i = 0; i + 1 < n; i++)
            {
                refined.Add(s[i]);
                refinedIds.Add(ids[i]);
                // Segments already shorter than 1/4096 of the line are left alone: the image is not smooth there.
                if (split[i] && s[i + 1] - s[i] > 1f / 4096)
                {
                    refined.Add(0.5f * (s[i] + s[i + 1]));
                    refinedIds.Add(-1);
                    changed = true;
                }
            }
            refined.Add(s[n - 1]);
            refinedIds.Add(ids[n - 1]);
            lines[l] = lines[l] with { S = refined, Ids = refinedIds };
        }
        return changed;
    }

    private static double Distance(float[] store, int units, int a, int b)
    {
        double sum = 0;
        for (var k = 0; k < units; k++)
        {
            double v = store[b * units + k] - store[a * units + k];
            sum += v * v;
        }
        return Math.Sqrt(sum);
    }

    /// <summary>Cosine of the angle between segments a→b and b→c (1 when straight on).</summary>
    private static double Cosine(float[] store, int units, int a, int b, int c)
    {
        double dot = 0, u2 = 0, v2 = 0;
        for (var k = 0; k < units; k++)
        {
            double u = store[b * units + k] - store[a * units + k];
            double v = store[c * units + k] - store[b * units + k];
            dot += u * v;
            u2 += u * u;
            v2 += v * v;
        }
        return u2 == 0 || v2 == 0 ? 1 : dot / Math.Sqrt(u2 * v2);
    }
}
