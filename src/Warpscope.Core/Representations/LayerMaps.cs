using Warpscope.Core.Model;
using Warpscope.Core.Numerics;

namespace Warpscope.Core.Representations;

/// <summary>Maps input points into the space of a layer: 0 = the input features, k = hidden layer k's activations.</summary>
public static class LayerMaps
{
    /// <summary>The number of hidden layers, the highest k a view can show.</summary>
    public static int HiddenLayers(Network network) => network.Layers.Count - 1;

    /// <summary>The dimension of layer k's space.</summary>
    public static int Width(Network network, int layer) =>
        layer == 0 ? network.InputCount : network.Layers[layer - 1].Outputs;

    public static void CheckLayer(Network network, int layer)
    {
        if (layer < 0 || layer > HiddenLayers(network))
            throw new UserInputException(HiddenLayers(network) == 0
                ? $"layer {layer}: the network has no hidden layer (the linear model); only the input view exists"
                : $"layer {layer}: choose a hidden layer from 1 to {HiddenLayers(network)}");
    }

    /// <summary>Where layer k puts the points (x[i], y[i]), or (x[i], y[i], z[i]) for 3-D data: its activations, or its pre-activations z.</summary>
    public static PointCloud Map(ForwardPass pass, int layer, ReadOnlySpan<float> x, ReadOnlySpan<float> y, LayerStage stage = LayerStage.Activations, ReadOnlySpan<float> z = default)
    {
        var units = Width(pass.Network, layer);
        var values = new float[units * x.Length];
        pass.Map(x, y, layer, values, pre: stage == LayerStage.PreActivations && layer > 0, z: z);
        return new PointCloud(units, x.Length, values);
    }

    /// <summary>
    /// The class the rest of the network gives points of hidden layer k's space: layers k + 1 to the
    /// output applied to each point of <paramref name="hidden"/> (in double precision; pre-activations
    /// go through layer k's σ first), ties to the lower class.
    /// </summary>
    public static int[] ClassifyFrom(Network network, int layer, PointCloud hidden, LayerStage stage = LayerStage.Activations)
    {
        var logits = OutputsFrom(network, layer, hidden, stage);
        var n = hidden.Count;
        var classes = new int[n];
        for (var i = 0; i < n; i++)
        {
            var best = 0;
            for (var c = 1; c < network.ClassCount; c++)
                if (logits[c * n + i] > logits[best * n + i]) best = c;
            classes[i] = best;
        }
        return classes;
    }

    /// <summary>The output layer's logits z for points of hidden layer k's space: [classes][n] (see <see cref="ClassifyFrom"/>).</summary>
    public static double[] OutputsFrom(Network network, int layer, PointCloud hidden, LayerStage stage = LayerStage.Activations)
    {
        CheckLayer(network, layer);
        if (layer == 0) throw new ArgumentOutOfRangeException(nameof(layer), "the input features are not a point of the plane");
        if (hidden.Dimensions != Width(network, layer)) throw new ArgumentException($"points have {hidden.Dimensions} coordinates, layer {layer} has {Width(network, layer)} units", nameof(hidden));
        var n = hidden.Count;
        var logits = new double[network.ClassCount * n];
        var widest = network.Layers.Max(l => Math.Max(l.Inputs, l.Outputs));
        var a = new double[widest];
        var z = new double[widest];
        for (var i = 0; i < n; i++)
        {
            for (var u = 0; u < hidden.Dimensions; u++)
                a[u] = stage == LayerStage.PreActivations ? ReferenceMlp.Activate(network.Layers[layer - 1].Activation, hidden[u, i]) : hidden[u, i];
            for (var k = layer; k < network.Layers.Count; k++)
            {
                var shape = network.Layers[k];
                var w = network.Weights(k);
                var b = network.Biases(k);
                for (var o = 0; o < shape.Outputs; o++)
                {
                    double s = b[o];
                    for (var j = 0; j < shape.Inputs; j++) s += w[o * shape.Inputs + j] * a[j];
                    z[o] = s;
                }
                for (var o = 0; o < shape.Outputs; o++) a[o] = ReferenceMlp.Activate(shape.Activation, z[o]);
            }
            for (var c = 0; c < network.ClassCount; c++) logits[c * n + i] = a[c];
        }
        return logits;
    }

    /// <summary>
    /// The class probabilities the rest of the network gives points of hidden layer k's space, [classes][n],
    /// in single precision and vectorised along the points (a field of 16k samples for a live frame): the same
    /// layers as <see cref="OutputsFrom"/>, then a softmax.
    /// </summary>
    public static float[] ProbabilitiesFrom(Network network, int layer, PointCloud hidden, LayerStage stage = LayerStage.Activations) =>
        ProbabilitiesFrom(network, layer, hidden, stage, consume: false);

    /// <summary>
    /// As above; with <paramref name="consume"/> the points' values are worked on in place (the caller made
    /// them for this and reads them no more), and layers before the last use pooled arrays.
    /// </summary>
    internal static float[] ProbabilitiesFrom(Network network, int layer, PointCloud hidden, LayerStage stage, bool consume)
    {
        CheckLayer(network, layer);
        if (layer == 0) throw new ArgumentOutOfRangeException(nameof(layer), "the input features are not a point of the plane");
        if (hidden.Dimensions != Width(network, layer)) throw new ArgumentException($"points have {hidden.Dimensions} coordinates, layer {layer} has {Width(network, layer)} units", nameof(hidden));
        var n = hidden.Count;
        var a = consume && hidden.Values.Length == hidden.Dimensions * n ? hidden.Values : hidden.Values.AsSpan(0, hidden.Dimensions * n).ToArray();
        if (stage == LayerStage.PreActivations) ActivationKernels.Forward<Float256>(network.Layers[layer - 1].Activation, a, a);
        float[]? rented = null;
        for (var k = layer; k < network.Layers.Count; k++)
        {
            var shape = network.Layers[k];
            var w = network.Weights(k);
            var b = network.Biases(k);
            var last = k == network.Layers.Count - 1;
            var z = last || !consume ? new float[shape.Outputs * n] : System.Buffers.ArrayPool<float>.Shared.Rent(shape.Outputs * n);
            for (var o = 0; o < shape.Outputs; o++)
            {
                var zo = z.AsSpan(o * n, n);
                zo.Fill(b[o]);
                for (var j = 0; j < shape.Inputs; j++)
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(a.AsSpan(j * n, n), w[o * shape.Inputs + j], zo, zo);
            }
            ActivationKernels.Forward<Float256>(shape.Activation, z.AsSpan(0, shape.Outputs * n), z.AsSpan(0, shape.Outputs * n)); // the engine's own σ
            if (rented is not null) System.Buffers.ArrayPool<float>.Shared.Return(rented);
            rented = last || !consume ? null : z;
            a = z;
        }
        var classes = network.ClassCount;
        Span<float> row = stackalloc float[classes];
        for (var i = 0; i < n; i++)
        {
            for (var c = 0; c < classes; c++) row[c] = a[c * n + i];
            System.Numerics.Tensors.TensorPrimitives.SoftMax(row, row);
            for (var c = 0; c < classes; c++) a[c * n + i] = row[c];
        }
        return a;
    }
}
