using System.Numerics;
using Warpscope.Core.Model;
using Warpscope.Core.Representations;

namespace Warpscope.Core.Scenes;

/// <summary>
/// Turns a <see cref="CarriedField"/> into the <see cref="SceneSheet"/> a view draws. In the last
/// hidden layer shown whole, a cell whose vertices disagree in class is cut along the output layer's
/// separators: each fan triangle is clipped (Sutherland–Hodgman, in the layer's own space, where each
/// class's region is the convex set z_c ≥ z_j for all j) to each class's region, and each piece is
/// drawn in that class. Every drawn point then has the colour the output layer gives it.
/// </summary>
internal sealed class SheetBuilder
{
    private readonly CarriedField _field;
    private readonly Flattener _flat;
    private readonly int _dims;
    private readonly int _classes;
    private readonly List<Vector2> _points = [];
    private readonly List<float> _hidden = [];  // [vertex][dimension]
    private readonly List<float> _depth = [];
    private readonly List<float> _probs = [];   // [vertex][class]

    private SheetBuilder(CarriedField field, PointCloud hidden, Flattener flat)
    {
        _field = field;
        _flat = flat;
        _dims = hidden.Dimensions;
        _classes = field.Classes;
        var screen = SceneFactory.Flatten(flat, hidden);
        for (var v = 0; v < hidden.Count; v++)
        {
            _points.Add(screen[v]);
            for (var d = 0; d < _dims; d++) _hidden.Add(hidden[d, v]);
            if (flat.Camera is not null) _depth.Add(flat.Depth(hidden, v));
            for (var c = 0; c < _classes; c++) _probs.Add(field.Probability(c, v));
        }
    }

    /// <summary>
    /// The sheet with its vertices at <paramref name="hidden"/> (the field's vertices in the view's
    /// projected space), seen through <paramref name="flat"/>; cut at the separators of
    /// <paramref name="clipAt"/>'s output layer when given (hidden must then be its last hidden layer's own space).
    /// </summary>
    public static SceneSheet Build(CarriedField field, PointCloud hidden, Flattener flat, bool wholeLayer, Network? clipAt)
    {
        if (clipAt is null && flat.Camera is null) return Flat(field, hidden, flat, wholeLayer);
        var builder = new SheetBuilder(field, hidden, flat);
        var cells = new List<(int[] Ring, int Centre, int Class, float Stretch)>(field.CellCount);
        for (var c = 0; c < field.CellCount; c++)
        {
            var ring = field.Ring(c);
            var centre = field.Centres[c];
            var cls = field.CellClass(c);
            if (clipAt is null || !Mixed(field, ring, cls))
            {
                cells.Add((ring.ToArray(), centre, cls, field.Stretch[c]));
                continue;
            }
            for (var k = 0; k < ring.Length; k++)
            {
                for (var piece = 0; piece < field.Classes; piece++)
                {
                    var polygon = builder.Clip(clipAt, [centre, ring[k], ring[(k + 1) % ring.Length]], piece);
                    if (polygon.Count >= 3) cells.Add(([.. polygon], -1, piece, field.Stretch[c]));
                }
            }
        }
        return builder.Finish(cells, wholeLayer);
    }

    /// <summary>Nothing to cut or sort: the field's own cells, drawn where the view puts its vertices.</summary>
    private static SceneSheet Flat(CarriedField field, PointCloud hidden, Flattener flat, bool wholeLayer)
    {
        var classes = new int[field.CellCount];
        for (var c = 0; c < classes.Length; c++) classes[c] = field.CellClass(c);
        return new SceneSheet
        {
            Points = SceneFactory.Flatten(flat, hidden),
            Hidden = hidden,
            Classes = field.Classes,
            Probabilities = field.Probabilities,
            CellStarts = field.CellStarts,
            Rings = field.Rings,
            Centres = field.Centres,
            CellClasses = classes,
            Stretch = field.Stretch,
            WholeLayer = wholeLayer,
        };
    }

    private static bool Mixed(CarriedField field, ReadOnlySpan<int> ring, int cls)
    {
        foreach (var v in ring)
            if (field.VertexClass(v) != cls) return true;
        return false;
    }

    /// <summary>The part of a triangle where class c wins: clipped at every z_c − z_j = 0.</summary>
    private List<int> Clip(Network network, List<int> polygon, int c)
    {
        Span<float> h = stackalloc float[_dims];
        for (var j = 0; j < _classes && polygon.Count >= 3; j++)
        {
            if (j == c) continue;
            var margins = new float[polygon.Count];
            for (var i = 0; i < polygon.Count; i++)
            {
                for (var d = 0; d < _dims; d++) h[d] = _hidden[polygon[i] * _dims + d];
                margins[i] = OutputSeparator.Margin(network, h, c, j);
            }
            var result = new List<int>(polygon.Count + 1);
            for (var i = 0; i < polygon.Count; i++)
            {
                var next = (i + 1) % polygon.Count;
                float fp = margins[i], fq = margins[next];
                if (fp >= 0) result.Add(polygon[i]);
                if ((fp >= 0) != (fq >= 0)) result.Add(Between(polygon[i], polygon[next], fp / (fp - fq)));
            }
            polygon = result;
        }
        return polygon;
    }

    /// <summary>A new vertex a share t of the way from vertex p to q, in the layer's space (then seen by the camera).</summary>
    private int Between(int p, int q, float t)
    {
        var index = _points.Count;
        Span<float> h = stackalloc float[3];
        for (var d = 0; d < _dims; d++) h[d] = _hidden[p * _dims + d] + t * (_hidden[q * _dims + d] - _hidden[p * _dims + d]);
        for (var d = 0; d < _dims; d++) _hidden.Add(h[d]);
        for (var c = 0; c < _classes; c++) _probs.Add(_probs[p * _classes + c] + t * (_probs[q * _classes + c] - _probs[p * _classes + c]));
        if (_flat.Camera is { } camera)
        {
            var world = new Vector3(h[0], h[1], h[2]);
            _points.Add(camera.Project(world));
            _depth.Add(camera.Depth(world));
        }
        else
        {
            _points.Add(new Vector2(h[0], _dims > 1 ? h[1] : 0));
        }
        return index;
    }

    private SceneSheet Finish(List<(int[] Ring, int Centre, int Class, float Stretch)> cells, bool wholeLayer)
    {
        var n = _points.Count;
        var order = Enumerable.Range(0, cells.Count).ToArray();
        if (_depth.Count > 0)
        {
            // Far to near by the depth of the vertex each cell fans from; equal depths keep the cells' own order.
            var depth = _depth;
            float Key(int c) => depth[cells[c].Centre >= 0 ? cells[c].Centre : cells[c].Ring[0]];
            Array.Sort(order, (a, b) =>
            {
                var byDepth = Key(b).CompareTo(Key(a));
                return byDepth != 0 ? byDepth : a.CompareTo(b);
            });
        }
        var starts = new int[cells.Count + 1];
        var rings = new List<int>(cells.Count * 5);
        var centres = new int[cells.Count];
        var classes = new int[cells.Count];
        var stretch = new float[cells.Count];
        for (var i = 0; i < order.Length; i++)
        {
            var cell = cells[order[i]];
            starts[i] = rings.Count;
            rings.AddRange(cell.Ring);
            centres[i] = cell.Centre;
            classes[i] = cell.Class;
            stretch[i] = cell.Stretch;
        }
        starts[cells.Count] = rings.Count;
        var hidden = new float[_dims * n];
        var probs = new float[_classes * n];
        for (var v = 0; v < n; v++)
        {
            for (var d = 0; d < _dims; d++) hidden[d * n + v] = _hidden[v * _dims + d];
            for (var c = 0; c < _classes; c++) probs[c * n + v] = _probs[v * _classes + c];
        }
        return new SceneSheet
        {
            Points = [.. _points],
            Hidden = new PointCloud(_dims, n, hidden),
            Depth = [.. _depth],
            Perspective = _flat.Camera?.Perspective ?? false,
            Classes = _classes,
            Probabilities = probs,
            CellStarts = starts,
            Rings = [.. rings],
            Centres = centres,
            CellClasses = classes,
            Stretch = stretch,
            WholeLayer = wholeLayer,
        };
    }
}
