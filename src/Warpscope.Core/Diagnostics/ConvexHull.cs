using Warpscope.Core.Datasets;

namespace Warpscope.Core.Diagnostics;

/// <summary>The convex hull of a class's points (Andrew's monotone chain), counter-clockwise, and a point-in-hull test.</summary>
internal sealed class ConvexHull
{
    private readonly (double X, double Y)[] _corners;

    private ConvexHull((double X, double Y)[] corners) => _corners = corners;

    public static ConvexHull Of(LabeledPoints points, int label)
    {
        var p = Enumerable.Range(0, points.Count).Where(i => points.Labels[i] == label)
            .Select(i => ((double)points.X[i], (double)points.Y[i])).Distinct().OrderBy(q => q.Item1).ThenBy(q => q.Item2).ToArray();
        if (p.Length < 3) return new ConvexHull(p);
        var hull = new (double X, double Y)[2 * p.Length];
        var k = 0;
        for (var i = 0; i < p.Length; i++)
        {
            while (k >= 2 && Cross(hull[k - 2], hull[k - 1], p[i]) <= 0) k--;
            hull[k++] = p[i];
        }
        for (int i = p.Length - 2, lower = k + 1; i >= 0; i--)
        {
            while (k >= lower && Cross(hull[k - 2], hull[k - 1], p[i]) <= 0) k--;
            hull[k++] = p[i];
        }
        return new ConvexHull(hull[..(k - 1)]);
    }

    /// <summary>Inside or on the hull: left of (or on) every counter-clockwise edge.</summary>
    public bool Contains(double x, double y)
    {
        if (_corners.Length < 3) return false;
        for (var i = 0; i < _corners.Length; i++)
            if (Cross(_corners[i], _corners[(i + 1) % _corners.Length], (x, y)) < 0) return false;
        return true;
    }

    private static double Cross((double X, double Y) o, (double X, double Y) a, (double X, double Y) b) =>
        (a.X - o.X) * (b.Y - o.Y) - (a.Y - o.Y) * (b.X - o.X);
}
