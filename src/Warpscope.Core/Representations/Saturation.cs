using Warpscope.Core.Model;

namespace Warpscope.Core.Representations;

/// <summary>
/// How saturated a layer is on some points: the share of points with at least one unit within
/// <see cref="Margin"/> of its activation's bound (±1 for tanh and sine, 0 and 1 for the sigmoid).
/// A saturated layer piles the points into the corners and edges of its box.
/// </summary>
public static class Saturation
{
    public const float Margin = 0.02f;

    /// <summary>The activation's range, or null where it is unbounded (ReLU, softplus, linear).</summary>
    public static (float Low, float High)? Bounds(Activation activation) => activation switch
    {
        Activation.Tanh or Activation.Sine => (-1, 1),
        Activation.Sigmoid => (0, 1),
        _ => null,
    };

    /// <summary>The share of points of hidden layer k (<paramref name="mapped"/>, its activations or pre-activations) near the bound; null when unbounded or empty.</summary>
    public static double? Of(Network network, int layer, PointCloud mapped, LayerStage stage = LayerStage.Activations)
    {
        if (layer < 1 || mapped.Count == 0) return null;
        var activation = network.Layers[layer - 1].Activation;
        if (Bounds(activation) is not { } bounds) return null;
        var (low, high) = bounds;
        var near = 0;
        for (var i = 0; i < mapped.Count; i++)
        {
            for (var u = 0; u < mapped.Dimensions; u++)
            {
                var v = stage == LayerStage.PreActivations ? (float)Numerics.ReferenceMlp.Activate(activation, mapped[u, i]) : mapped[u, i];
                if (v <= low + Margin || v >= high - Margin)
                {
                    near++;
                    break;
                }
            }
        }
        return (double)near / mapped.Count;
    }
}
