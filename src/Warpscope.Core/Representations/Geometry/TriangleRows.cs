using System.Numerics;

namespace Warpscope.Core.Representations.Geometry;

/// <summary>
/// A triangle scanned row by row over a grid of sample centres (x + ½, y + ½): its barycentric weights are
/// linear along a row (w = slope · x + offset(y)), so a row's samples inside it are one span, found from the
/// three weights, and a long thin triangle costs its samples, not its bounding box. Shared by the
/// renderer's mesh fill and the sheet's coverage, so both count the same samples as inside.
/// </summary>
public readonly struct TriangleRows
{
    private readonly Vector2 _a, _b, _c;
    private readonly float _inverse;

    private TriangleRows(Vector2 a, Vector2 b, Vector2 c, float inverse)
    {
        (_a, _b, _c, _inverse) = (a, b, c, inverse);
        S0 = (b.Y - c.Y) * inverse;
        S1 = (c.Y - a.Y) * inverse;
    }

    /// <summary>How the weights of a and b change per unit of x (c's is −S0 − S1).</summary>
    public float S0 { get; }
    public float S1 { get; }

    /// <summary>The triangle's rows; false when it is degenerate (or not finite) and covers nothing.</summary>
    public static bool TryCreate(Vector2 a, Vector2 b, Vector2 c, out TriangleRows rows)
    {
        var area = (b.X - a.X) * (c.Y - a.Y) - (b.Y - a.Y) * (c.X - a.X);
        rows = MathF.Abs(area) > 1e-12f ? new TriangleRows(a, b, c, 1 / area) : default;
        return MathF.Abs(area) > 1e-12f;
    }

    /// <summary>The weights of a and b at x = 0 on the line y = <paramref name="py"/>.</summary>
    public (float O0, float O1) Offsets(float py) => (
        (_b.X * _c.Y - _b.Y * _c.X + py * (_c.X - _b.X)) * _inverse,
        (_c.X * _a.Y - _c.Y * _a.X + py * (_a.X - _c.X)) * _inverse);

    /// <summary>
    /// The sample columns [from, to] of row <paramref name="y"/> whose centres lie in the triangle, widened by
    /// <paramref name="slack"/> (a centre that close outside counts as on the edge); false when none.
    /// </summary>
    public bool Span(int y, float slack, out int from, out int to, out float o0, out float o1)
    {
        (o0, o1) = Offsets(y + 0.5f);
        from = to = 0;
        float lo = float.NegativeInfinity, hi = float.PositiveInfinity;
        if (!Limit(S0, o0, slack, ref lo, ref hi) || !Limit(S1, o1, slack, ref lo, ref hi) || !Limit(-S0 - S1, 1 - o0 - o1, slack, ref lo, ref hi))
            return false;
        from = (int)MathF.Max(-1e9f, MathF.Ceiling(lo - 0.5f - slack));
        to = (int)MathF.Min(1e9f, MathF.Floor(hi - 0.5f + slack));
        return from <= to;
    }

    /// <summary>Narrows [lo, hi] to where slope·x + offset ≥ 0; false when no x is left.</summary>
    private static bool Limit(float slope, float offset, float slack, ref float lo, ref float hi)
    {
        if (slope > 0) lo = MathF.Max(lo, -offset / slope);
        else if (slope < 0) hi = MathF.Min(hi, -offset / slope);
        else if (offset < -1e-5f) return false; // an edge along the row: a centre on it rounds either way
        return lo <= hi + 2 * slack;
    }
}
