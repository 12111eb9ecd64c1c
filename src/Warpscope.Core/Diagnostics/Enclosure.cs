using Warpscope.Core.Datasets;

namespace Warpscope.Core.Diagnostics;

/// <summary>
/// One class surrounding another in the plane, read from the points: the convex hull of
/// <see cref="Outer"/>'s points holds at least <see cref="Share"/> of <see cref="Inner"/>'s, while the
/// hull of Inner's holds hardly any of Outer's. Rings and the circle are so; interleaved arms (the
/// spiral, xor) are not, since each class's hull holds much of the other.
/// </summary>
public sealed record Enclosure(int Outer, int Inner)
{
    /// <summary>Least share of the inner class inside the outer's hull.</summary>
    public const double Share = 0.95;

    /// <summary>Most share of the outer class inside the inner's hull.</summary>
    public const double Leak = 0.05;

    /// <summary>The first (outer, inner) pair of classes that encloses, or null.</summary>
    public static Enclosure? Find(LabeledPoints points, int classes)
    {
        var hulls = Enumerable.Range(0, classes).Select(c => ConvexHull.Of(points, c)).ToArray();
        var counts = Enumerable.Range(0, classes).Select(c => points.Labels.Count(l => l == c)).ToArray();
        for (var outer = 0; outer < classes; outer++)
        {
            for (var inner = 0; inner < classes; inner++)
            {
                if (outer == inner || counts[inner] < 3 || counts[outer] < 3) continue;
                if (ShareInside(points, inner, hulls[outer], counts[inner]) >= Share
                    && ShareInside(points, outer, hulls[inner], counts[outer]) <= Leak)
                    return new Enclosure(outer, inner);
            }
        }
        return null;
    }

    private static double ShareInside(LabeledPoints points, int label, ConvexHull hull, int count)
    {
        var inside = 0;
        for (var i = 0; i < points.Count; i++)
            if (points.Labels[i] == label && hull.Contains(points.X[i], points.Y[i])) inside++;
        return (double)inside / count;
    }
}
