using System.Globalization;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Representations;

namespace Warpscope.Core.Diagnostics;

/// <summary>
/// Topology diagnostics of a network on its data: each hidden layer's <see cref="LayerTopology"/>,
/// and, when one class encloses another and no layer is wider than the plane, a plain-words warning
/// that the network cannot separate them whatever it learns, with the way out.
/// </summary>
public static class Topology
{
    /// <summary>Samples per side of the lattice over the data's rectangle on which ReLU folds are counted.</summary>
    public const int FoldLattice = 64;

    public static TopologyReport Diagnose(Network network, Dataset data)
    {
        var layers = new List<LayerTopology>();
        var pass = new ForwardPass(network);
        var (x, y) = data.Domain.GridPoints(FoldLattice);
        for (var k = 0; k < LayerMaps.HiddenLayers(network); k++)
        {
            var shape = network.Layers[k];
            var w = network.Weights(k);
            var matrix = new double[shape.Outputs, shape.Inputs];
            for (var r = 0; r < shape.Outputs; r++)
                for (var c = 0; c < shape.Inputs; c++) matrix[r, c] = w[r * shape.Inputs + c];
            // Folds are counted over the plane's lattice; 3-D data has no such plane (yet).
            int? folds = shape.Activation == Activation.Relu && data.Dimensions == 2 ? Folds(pass, k + 1, x, y) : null;
            layers.Add(new LayerTopology(k + 1, shape.Inputs, shape.Outputs, Matrices.Rank(matrix),
                shape.Inputs == shape.Outputs ? Matrices.Determinant(matrix) : null, folds));
        }
        // Enclosure is a fact of the plane: a 3-D cloud's shadow on xy can surround another's without enclosing it.
        var enclosure = data.Dimensions == 2 ? Enclosure.Find(data.Train, data.ClassCount) : null;
        return new TopologyReport(layers, enclosure, enclosure is { } e && Planar(network.Spec) ? Warning(network.Spec, data, e) : null);
    }

    /// <summary>The report's warning alone (no ranks, determinants or folds): why no network of this shape can separate the data, or null.</summary>
    public static string? Warning(NetworkSpec spec, Dataset data) =>
        Planar(spec) && data.Dimensions == 2 && Enclosure.Find(data.Train, data.ClassCount) is { } e ? Warning(spec, data, e) : null;

    /// <summary>True when every layer, the input features included, is at most as wide as the plane, and the features are x, y themselves.</summary>
    public static bool Planar(NetworkSpec spec) =>
        spec.Features.All(f => f is InputFeature.X or InputFeature.Y) && spec.Hidden.All(h => h <= 2);

    /// <summary>Units of layer k whose pre-activation takes both signs over the lattice.</summary>
    private static int Folds(ForwardPass pass, int layer, float[] x, float[] y)
    {
        var z = LayerMaps.Map(pass, layer, x, y, LayerStage.PreActivations);
        var folds = 0;
        for (var u = 0; u < z.Dimensions; u++)
        {
            var axis = z.Axis(u);
            bool below = false, above = false;
            foreach (var v in axis)
            {
                below |= v < 0;
                above |= v > 0;
            }
            if (below && above) folds++;
        }
        return folds;
    }

    private static string Warning(NetworkSpec spec, Dataset data, Enclosure e)
    {
        var outer = data.ClassNames[e.Outer];
        var inner = data.ClassNames[e.Inner];
        var layers = spec.Hidden.Count == 0 ? "this linear model has no hidden layer" : spec.Hidden.Count == 1
            ? $"its one hidden layer is {spec.Hidden[0]} unit{(spec.Hidden[0] == 1 ? "" : "s")} wide"
            : $"every one of its {spec.Hidden.Count} hidden layers is at most 2 units wide";
        return string.Create(CultureInfo.InvariantCulture,
            $"class {outer} surrounds class {inner} (the convex hull of {outer}'s points holds {inner}'s), and {layers}. " +
            $"A layer no wider than the plane is a homeomorphism of it (tanh or sigmoid with invertible weights; ReLU only squeezes it further): " +
            $"it can bend and stretch the ring but not tear it, so it cannot pull the disk out of the ring, and no straight line at the end cuts " +
            $"{inner} from {outer}. Any accuracy above that comes from threading a thin channel between the points, which fresh points fall into. " +
            $"Give a layer 3 units (e.g. --layers 3) to lift the disk out of the plane.");
    }
}
