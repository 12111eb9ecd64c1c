namespace Warpscope.Core.Model;

/// <summary>
/// A multilayer perceptron's shape and all its parameters in one flat vector (per layer W: [out][in]
/// then b: [out]), so optimizers and snapshots work on one span. Forward passes run through
/// <see cref="ForwardPass"/>, training through <see cref="Training.Trainer"/>.
/// </summary>
public sealed class Network
{
    private readonly LayerShape[] _layers;

    public Network(NetworkSpec spec, float[] parameters)
    {
        Spec = spec;
        _layers = BuildLayers(spec, out var count);
        if (parameters.Length != count)
            throw new ArgumentException($"{spec} has {count} parameters, got {parameters.Length}");
        Parameters = parameters;
    }

    public NetworkSpec Spec { get; }

    /// <summary>Every parameter: layer by layer, W: [out][in] then b: [out].</summary>
    public float[] Parameters { get; }

    /// <summary>The affine layers, hidden ones first, the output layer last.</summary>
    public IReadOnlyList<LayerShape> Layers => _layers;

    public int ParameterCount => Parameters.Length;

    public int InputCount => Spec.Features.Count;

    public int ClassCount => Spec.Classes;

    /// <summary>W of layer k: [out][in], row-major.</summary>
    public Span<float> Weights(int layer) => Parameters.AsSpan(_layers[layer].WeightOffset, _layers[layer].Inputs * _layers[layer].Outputs);

    /// <summary>b of layer k: [out].</summary>
    public Span<float> Biases(int layer) => Parameters.AsSpan(_layers[layer].BiasOffset, _layers[layer].Outputs);

    public float Weight(int layer, int output, int input) => Weights(layer)[output * _layers[layer].Inputs + input];

    public Network Clone() => new(Spec, (float[])Parameters.Clone());

    /// <summary>A network of the given shape with seeded random weights and zero biases.</summary>
    public static Network Create(NetworkSpec spec, int seed, Initialization initialization = Initialization.Auto)
    {
        var network = new Network(spec, new float[BuildLayers(spec, out _).Sum(l => l.ParameterCount)]);
        var random = new Random(seed);
        foreach (var layer in network.Layers)
        {
            var useHe = initialization == Initialization.He
                || (initialization == Initialization.Auto && layer.Activation is Activation.Relu or Activation.LeakyRelu);
            var w = network.Weights(layer.Index);
            if (useHe)
            {
                var sd = Math.Sqrt(2.0 / layer.Inputs);
                for (var i = 0; i < w.Length; i++) w[i] = (float)(sd * Gaussian(random));
            }
            else
            {
                var limit = Math.Sqrt(6.0 / (layer.Inputs + layer.Outputs));
                for (var i = 0; i < w.Length; i++) w[i] = (float)(limit * (2 * random.NextDouble() - 1));
            }
        }
        return network;
    }

    /// <summary>The number of parameters of a network of this shape.</summary>
    public static int CountParameters(NetworkSpec spec) => BuildLayers(spec, out _).Sum(l => l.ParameterCount);

    private static double Gaussian(Random random)
    {
        // Box–Muller; 1 − U keeps the logarithm's argument in (0, 1].
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static LayerShape[] BuildLayers(NetworkSpec spec, out int parameterCount)
    {
        var sizes = spec.Sizes;
        var layers = new LayerShape[sizes.Count - 1];
        var offset = 0;
        for (var k = 0; k < layers.Length; k++)
        {
            var isOutput = k == layers.Length - 1;
            layers[k] = new LayerShape(k, sizes[k], sizes[k + 1], isOutput ? Activation.Linear : spec.Activations[k], offset, isOutput);
            offset += layers[k].ParameterCount;
        }
        parameterCount = offset;
        return layers;
    }
}
