using System.Numerics;
using Warpscope.Core.Model;

namespace Warpscope.Core.Representations;

/// <summary>
/// The output layer's own decision rule drawn exactly in the last hidden space h: class c wins
/// where zc = wc·h + bc is largest, so every region is an intersection of half-planes
/// (wc − wj)·h + (bc − bj) ≥ 0, and every boundary is straight: a line in 2-D, a plane in 3-D.
/// </summary>
public static class OutputSeparator
{
    /// <summary>Each class's region inside a box of a 2-unit last hidden layer, as a convex polygon (may be empty).</summary>
    public static IReadOnlyList<Vector2[]> Regions2D(Network network, Vector2 min, Vector2 max)
    {
        var output = Output(network, 2);
        var regions = new List<Vector2[]>();
        for (var c = 0; c < network.ClassCount; c++)
        {
            List<Vector2> polygon = [min, new(max.X, min.Y), max, new(min.X, max.Y)];
            for (var j = 0; j < network.ClassCount && polygon.Count > 0; j++)
            {
                if (j == c) continue;
                var a = network.Weight(output, c, 0) - network.Weight(output, j, 0);
                var b = network.Weight(output, c, 1) - network.Weight(output, j, 1);
                var d = network.Biases(output)[c] - network.Biases(output)[j];
                polygon = Clip(polygon, p => a * p.X + b * p.Y + d);
            }
            regions.Add([.. polygon]);
        }
        return regions;
    }

    /// <summary>
    /// The separating plane of a 2-class network whose last hidden layer has 3 units, cut to a box:
    /// the convex polygon where (w1 − w0)·h + (b1 − b0) = 0 meets the box (empty if it misses).
    /// </summary>
    public static Vector3[] Plane3D(Network network, Vector3 min, Vector3 max)
    {
        if (network.ClassCount != 2) throw new InvalidOperationException("the separating plane is drawn for two classes");
        var output = Output(network, 3);
        var n = new Vector3(
            network.Weight(output, 1, 0) - network.Weight(output, 0, 0),
            network.Weight(output, 1, 1) - network.Weight(output, 0, 1),
            network.Weight(output, 1, 2) - network.Weight(output, 0, 2));
        var d = network.Biases(output)[1] - network.Biases(output)[0];
        var corners = new Vector3[8];
        for (var i = 0; i < 8; i++)
            corners[i] = new Vector3((i & 1) == 0 ? min.X : max.X, (i & 2) == 0 ? min.Y : max.Y, (i & 4) == 0 ? min.Z : max.Z);
        var points = new List<Vector3>();
        // The 12 edges join corners that differ in one bit.
        for (var i = 0; i < 8; i++)
        {
            for (var bit = 1; bit < 8; bit <<= 1)
            {
                if ((i & bit) != 0) continue;
                var p = corners[i];
                var q = corners[i | bit];
                var fp = Vector3.Dot(n, p) + d;
                var fq = Vector3.Dot(n, q) + d;
                if ((fp < 0) == (fq < 0) || fp == fq) continue;
                points.Add(p + (q - p) * (fp / (fp - fq)));
            }
        }
        if (points.Count < 3) return [];
        // Order around the centroid within the plane.
        var centre = points.Aggregate(Vector3.Zero, (s, p) => s + p) / points.Count;
        var u = Vector3.Normalize(points[0] - centre);
        var v = Vector3.Cross(Vector3.Normalize(n), u);
        return [.. points.OrderBy(p => MathF.Atan2(Vector3.Dot(p - centre, v), Vector3.Dot(p - centre, u)))];
    }

    /// <summary>z_c − z_j for a point of the last hidden space: positive where c beats j.</summary>
    public static float Margin(Network network, ReadOnlySpan<float> h, int c, int j)
    {
        var output = network.Layers.Count - 1;
        var sum = network.Biases(output)[c] - network.Biases(output)[j];
        for (var i = 0; i < h.Length; i++) sum += (network.Weight(output, c, i) - network.Weight(output, j, i)) * h[i];
        return sum;
    }

    private static int Output(Network network, int width)
    {
        var output = network.Layers.Count - 1;
        if (network.Layers[output].Inputs != width)
            throw new InvalidOperationException($"the last hidden layer has {network.Layers[output].Inputs} units, not {width}");
        return output;
    }

    /// <summary>Sutherland–Hodgman: the part of a convex polygon where f ≥ 0.</summary>
    private static List<Vector2> Clip(List<Vector2> polygon, Func<Vector2, float> f)
    {
        var result = new List<Vector2>();
        for (var i = 0; i < polygon.Count; i++)
        {
            var p = polygon[i];
            var q = polygon[(i + 1) % polygon.Count];
            var fp = f(p);
            var fq = f(q);
            if (fp >= 0) result.Add(p);
            if ((fp >= 0) != (fq >= 0)) result.Add(p + (q - p) * (fp / (fp - fq)));
        }
        return result;
    }
}
