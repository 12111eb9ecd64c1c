using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;

namespace Warpscope.Core.Representations;

/// <summary>
/// Every unit's value over the input plane, on a small lattice: what a network diagram draws as each
/// neuron's thumbnail (as TensorFlow Playground does). Columns are the input features, each hidden
/// layer's activations σ(z), and the output layer's class probabilities. A column shows at most
/// <c>maxUnits</c> units (the first ones); a diagram of a 64-wide layer names the rest.
/// </summary>
public sealed class UnitMaps
{
    private UnitMaps(int side, IReadOnlyList<Column> columns)
    {
        Side = side;
        Columns = columns;
    }

    /// <summary>Samples per side: sample (i, j) is the centre of cell i from the left, j from the top of the rectangle.</summary>
    public int Side { get; }

    public IReadOnlyList<Column> Columns { get; }

    /// <param name="Units">The layer's width.</param>
    /// <param name="Values">The shown units' values, [shown unit][row from the top][column], Side² each.</param>
    public sealed record Column(int Units, float[][] Values);

    /// <param name="z">For a network of 3-D inputs, the plane z = const the thumbnails show (its x and y over <paramref name="rect"/>).</param>
    public static UnitMaps Build(Network network, PlaneRect rect, int side, int maxUnits, ForwardPass? pass = null, float z = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(side, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUnits, 1);
        var n = side * side;
        var x = new float[n];
        var y = new float[n];
        for (var row = 0; row < side; row++)
        {
            for (var col = 0; col < side; col++)
            {
                x[row * side + col] = (float)(rect.XMin + (col + 0.5) / side * rect.Width);
                y[row * side + col] = (float)(rect.YMax - (row + 0.5) / side * rect.Height);
            }
        }
        var zs = network.Spec.InputDimensions == 3 ? Enumerable.Repeat(z, n).ToArray() : null;
        var trace = (pass ?? new ForwardPass(network)).Trace(x, y, zs);
        var columns = new List<Column> { Take(trace.Features, network.InputCount, n, maxUnits) };
        foreach (var layer in trace.Layers) columns.Add(Take(layer.Post, layer.Units, n, maxUnits));
        return new UnitMaps(side, columns);
    }

    private static Column Take(float[] rows, int units, int n, int maxUnits)
    {
        var shown = Math.Min(units, maxUnits);
        var values = new float[shown][];
        for (var u = 0; u < shown; u++) values[u] = rows.AsSpan(u * n, n).ToArray();
        return new Column(units, values);
    }
}
