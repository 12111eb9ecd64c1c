using System.Numerics;
using Warpscope.Core.Representations;

namespace Warpscope.Core.Scenes;

/// <summary>
/// The axes of a 3-D view, drawn as matplotlib draws them: each along one edge of the data's box that
/// lies on the box's outline on screen (so no axis runs through the points), named beside that edge's
/// middle on the outside of the box, where no point can be drawn. The x and y axes take the lowest such
/// edge, z the leftmost. An axis drawn from the box's low corner instead points into the cloud at most
/// camera angles, and its name lands among the points.
/// </summary>
internal static class BoxAxes
{
    /// <summary>
    /// A label's size in window units, per character of width and for its height: labels are drawn at 11/600
    /// of the panel's side (DejaVu Sans, at most 0.6 em a character, with a 3-pixel halo), and the window's
    /// 2.1 units span about 510/600 of it.
    /// </summary>
    internal const float CharacterWidth = 0.03f;

    internal const float TextHeight = 0.07f;

    /// <summary>Space between the box's edge and the nearest side of a label, in window units.</summary>
    private const float Gap = 0.03f;

    /// <summary>The box's eight corners; corner i has x at max when bit 0 of i is set, y for bit 1, z for bit 2.</summary>
    public static Vector3[] Corners(Vector3 min, Vector3 max) =>
        [.. Enumerable.Range(0, 8).Select(i => new Vector3((i & 1) != 0 ? max.X : min.X, (i & 2) != 0 ? max.Y : min.Y, (i & 4) != 0 ? max.Z : min.Z))];

    /// <summary>The corners as a cloud, for a camera fitted to show the whole box.</summary>
    public static PointCloud CornerCloud(Vector3 min, Vector3 max)
    {
        var corners = Corners(min, max);
        return new PointCloud(3, 8, [.. corners.Select(c => c.X), .. corners.Select(c => c.Y), .. corners.Select(c => c.Z)]);
    }

    /// <summary>The three axis lines and their names (x, y, z in that order).</summary>
    public static (ScenePolyline[] Lines, SceneLabel[] Labels) Place(Flattener flat, Vector3 min, Vector3 max, IReadOnlyList<string> names)
    {
        var screen = Corners(min, max).Select(flat.Point).ToArray();
        var centre = screen.Aggregate(Vector2.Zero, (a, b) => a + b) / 8;
        var scale = screen.Max(p => Vector2.Distance(p, centre));
        var lines = new ScenePolyline[3];
        var labels = new SceneLabel[3];
        for (var k = 0; k < 3; k++)
        {
            var bit = 1 << k;
            (Vector2 A, Vector2 B, Vector2 Out)? best = null;
            foreach (var i in Enumerable.Range(0, 8).Where(i => (i & bit) == 0))
            {
                var (a, b) = (screen[i], screen[i | bit]);
                if (Outline(screen, a, b, centre, scale) is not { } outward) continue;
                var mid = (a + b) / 2;
                var better = best is not { } chosen || (k == 2 ? mid.X < ((chosen.A + chosen.B) / 2).X : mid.Y < ((chosen.A + chosen.B) / 2).Y);
                if (better) best = (a, b, outward);
            }
            // Seen end on, an axis has no edge on the outline: draw it from the low corner, named beyond its middle.
            var (from, to, away) = best ?? (screen[0], screen[bit], Away((screen[0] + screen[bit]) / 2 - centre));
            lines[k] = new ScenePolyline([from, to], LineKind.Axis);
            var halfWidth = 0.5f * CharacterWidth * names[k].Length;
            var reach = MathF.Abs(away.X) * halfWidth + MathF.Abs(away.Y) * TextHeight / 2 + Gap;
            labels[k] = new SceneLabel((from + to) / 2 + away * reach, names[k]);
        }
        return (lines, labels);
    }

    /// <summary>
    /// The outward unit normal of the edge a–b when every corner lies on one side of its line (the edge is
    /// on the box's outline); null otherwise, or when the edge is too short on screen to have a direction.
    /// </summary>
    private static Vector2? Outline(Vector2[] screen, Vector2 a, Vector2 b, Vector2 centre, float scale)
    {
        var along = b - a;
        if (along.Length() < 1e-3f * scale) return null;
        var normal = Vector2.Normalize(new Vector2(-along.Y, along.X));
        if (Vector2.Dot(normal, centre - a) > 0) normal = -normal;
        var slack = 1e-4f * scale;
        return screen.All(p => Vector2.Dot(normal, p - a) <= slack) ? normal : null;
    }

    private static Vector2 Away(Vector2 offset) => offset.Length() > 1e-6f ? Vector2.Normalize(offset) : -Vector2.UnitY;
}
