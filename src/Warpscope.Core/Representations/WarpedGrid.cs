using System.Numerics;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;

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
        var lines = new List<(bool Vertical, float Value, List<float> S)>();
        for (var i = 0; i < options.LinesPerAxis; i++)
        {
            var f = options.LinesPerAxis == 1 ? 0.5f : (float)i / (options.LinesPerAxis - 1);
            var uniform = Enumerable.Range(0, options.Samples + 1).Select(j => (float)j / options.Samples).ToList();
            lines.Add((true, rect.XMin + f * rect.Width, uniform));
            lines.Add((false, rect.YMin + f * rect.Height, [.. uniform]));
        }

        PointCloud mapped;
        for (var round = 0; ; round++)
        {
            var (x, y) = Gather(lines, rect);
            mapped = LayerMaps.Map(pass, layer, x, y, stage);
            if (round == options.RefineRounds) break;
            if (!Refine(lines, mapped, options)) break;
        }

        var result = new GridLine[lines.Count];
        var offset = 0;
        for (var l = 0; l < lines.Count; l++)
        {
            var (vertical, value, s) = lines[l];
            var input = s.Select(t => At(vertical, value, t, rect)).ToArray();
            result[l] = new GridLine(vertical, value, input, mapped.Slice(offset, s.Count));
            offset += s.Count;
        }
        return new WarpedGrid(layer, mapped.Dimensions, result);
    }

    private static Vector2 At(bool vertical, float value, float s, PlaneRect rect) =>
        vertical ? new Vector2(value, rect.YMin + s * rect.Height) : new Vector2(rect.XMin + s * rect.Width, value);

    private static (float[] X, float[] Y) Gather(List<(bool Vertical, float Value, List<float> S)> lines, PlaneRect rect)
    {
        var n = lines.Sum(l => l.S.Count);
        var x = new float[n];
        var y = new float[n];
        var i = 0;
        foreach (var (vertical, value, s) in lines)
        {
            foreach (var t in s)
            {
                var p = At(vertical, value, t, rect);
                x[i] = p.X;
                y[i] = p.Y;
                i++;
            }
        }
        return (x, y);
    }

    /// <summary>Inserts midpoints where the image bends or stretches; false when nothing changed.</summary>
    private static bool Refine(List<(bool Vertical, float Value, List<float> S)> lines, PointCloud mapped, GridOptions options)
    {
        var d = mapped.Dimensions;
        // Extent of the image: the diagonal of its bounding box in the layer's space.
        double extent = 0;
        for (var k = 0; k < d; k++)
        {
            var axis = mapped.Axis(k);
            var span = axis.Length == 0 ? 0 : System.Numerics.Tensors.TensorPrimitives.Max(axis) - System.Numerics.Tensors.TensorPrimitives.Min(axis);
            extent += (double)span * span;
        }
        var maxLength = Math.Sqrt(extent) * options.MaxSegmentFraction;
        var cosMax = Math.Cos(options.MaxTurnDegrees * Math.PI / 180);
        var changed = false;
        var offset = 0;
        for (var l = 0; l < lines.Count; l++)
        {
            var s = lines[l].S;
            var n = s.Count;
            var split = new bool[n - 1];
            for (var i = 0; i + 1 < n; i++)
            {
                var length = Distance(mapped, offset + i, offset + i + 1);
                if (length > maxLength) split[i] = true;
                if (i + 2 < n && Cosine(mapped, offset + i, offset + i + 1, offset + i + 2) < cosMax)
                {
                    split[i] = true;
                    split[i + 1] = true;
                }
            }
            offset += n;
            if (n - 1 + split.Count(b => b) > options.MaxSamplesPerLine) continue;
            var refined = new List<float>(n * 2);
            for (var i = 0; i + 1 < n; i++)
            {
                refined.Add(s[i]);
                // Segments already shorter than 1/4096 of the line are left alone: the image is not smooth there.
                if (split[i] && s[i + 1] - s[i] > 1f / 4096)
                {
                    refined.Add(0.5f * (s[i] + s[i + 1]));
                    changed = true;
                }
            }
            refined.Add(s[n - 1]);
            lines[l] = (lines[l].Vertical, lines[l].Value, refined);
        }
        return changed;
    }

    private static double Distance(PointCloud p, int a, int b)
    {
        double sum = 0;
        for (var k = 0; k < p.Dimensions; k++)
        {
            double v = p[k, b] - p[k, a];
            sum += v * v;
        }
        return Math.Sqrt(sum);
    }

    /// <summary>Cosine of the angle between segments a→b and b→c (1 when straight on).</summary>
    private static double Cosine(PointCloud p, int a, int b, int c)
    {
        double dot = 0, u2 = 0, v2 = 0;
        for (var k = 0; k < p.Dimensions; k++)
        {
            double u = p[k, b] - p[k, a];
            double v = p[k, c] - p[k, b];
            dot += u * v;
            u2 += u * u;
            v2 += v * v;
        }
        return u2 == 0 || v2 == 0 ? 1 : dot / Math.Sqrt(u2 * v2);
    }
}
