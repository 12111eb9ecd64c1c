using Warpscope.Core.Model;

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

    /// <summary>Where layer k puts the points (x[i], y[i]).</summary>
    public static PointCloud Map(ForwardPass pass, int layer, ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var units = Width(pass.Network, layer);
        var values = new float[units * x.Length];
        pass.Map(x, y, layer, values);
        return new PointCloud(units, x.Length, values);
    }
}
