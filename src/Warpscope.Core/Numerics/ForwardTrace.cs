using Warpscope.Core.Model;

namespace Warpscope.Core.Numerics;

/// <summary>
/// Every layer's pre- and post-activation values for a batch of input points: the data every view
/// of Warpscope is drawn from (hidden spaces, warped grids, morphs). Layer k of
/// <see cref="Layers"/> is the k-th affine layer; the last is the output.
/// </summary>
public sealed class ForwardTrace
{
    public ForwardTrace(Network network, int count)
    {
        Count = count;
        Features = new float[network.InputCount * count];
        Layers = [.. network.Layers.Select(l => new LayerTrace(l.Outputs, count))];
    }

    public int Count { get; }

    /// <summary>The input features: [F][Count].</summary>
    public float[] Features { get; }

    public IReadOnlyList<LayerTrace> Layers { get; }

    /// <summary>The output layer: Pre holds the logits, Post the class probabilities.</summary>
    public LayerTrace Output => Layers[^1];
}
