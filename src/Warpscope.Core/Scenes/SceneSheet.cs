using System.Numerics;
using Warpscope.Core.Model;
using Warpscope.Core.Representations;

namespace Warpscope.Core.Scenes;

/// <summary>
/// The carried field as a scene draws it (<see cref="CarriedField"/>): cells as polygons in the
/// window, listed in drawing order (far to near in 3-D), each in one class's hue; each vertex brings
/// its own probability of that class, so the tint varies smoothly inside a cell. A cell with a
/// centre vertex is drawn as a fan of triangles from it around its ring; a cell without one (a piece
/// of a cell cut at a separator) is convex and fans from its first vertex.
/// </summary>
public sealed record SceneSheet
{
    /// <summary>Each vertex where the view draws it (window coordinates).</summary>
    public required Vector2[] Points { get; init; }

    /// <summary>Each vertex in the projected space of the layer (2 or 3 coordinates): what the view shows at that point.</summary>
    public required PointCloud Hidden { get; init; }

    /// <summary>Each vertex's depth in front of the camera (3-D views; empty when flat).</summary>
    public float[] Depth { get; init; } = [];

    /// <summary>Whether a 3-D view is drawn in perspective (screen = view / depth).</summary>
    public bool Perspective { get; init; }

    public required int Classes { get; init; }

    /// <summary>Class probabilities at each vertex: [classes][vertices].</summary>
    public required float[] Probabilities { get; init; }

    /// <summary>Cell c's boundary ring: vertices Rings[CellStarts[c]..CellStarts[c + 1]].</summary>
    public required int[] CellStarts { get; init; }
    public required int[] Rings { get; init; }

    /// <summary>Each cell's centre vertex, or −1 for a convex piece.</summary>
    public required int[] Centres { get; init; }
    public required int[] CellClasses { get; init; }
    public required float[] Stretch { get; init; }

    /// <summary>Whether the view shows the layer's own units, all of them (no projection): the carried colours are then exact.</summary>
    public bool WholeLayer { get; init; }

    public int CellCount => Centres.Length;

    public ReadOnlySpan<int> Ring(int cell) => Rings.AsSpan(CellStarts[cell], CellStarts[cell + 1] - CellStarts[cell]);

    /// <summary>The probability of class c at vertex v.</summary>
    public float Probability(int @class, int vertex) => Probabilities[@class * Points.Length + vertex];

    /// <summary>How many triangles draw cell c.</summary>
    public int TriangleCount(int cell)
    {
        var ring = CellStarts[cell + 1] - CellStarts[cell];
        return Centres[cell] >= 0 ? ring : ring - 2;
    }

    /// <summary>Triangle k of cell c's fan, as three vertices.</summary>
    public (int A, int B, int C) Triangle(int cell, int k)
    {
        var ring = Ring(cell);
        return Centres[cell] >= 0
            ? (Centres[cell], ring[k], ring[(k + 1) % ring.Length])
            : (ring[0], ring[k + 1], ring[k + 2]);
    }

    /// <summary>The vertex a cell's triangles fan out from.</summary>
    public int Hub(int cell) => Centres[cell] >= 0 ? Centres[cell] : Rings[CellStarts[cell]];

    /// <summary>The probability of the cell's own class at the hub: the tint of a flat-coloured cell.</summary>
    public float HubProbability(int cell) => Probability(CellClasses[cell], Hub(cell));
}
