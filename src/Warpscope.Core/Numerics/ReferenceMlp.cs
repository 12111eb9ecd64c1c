using Warpscope.Core.Datasets;
using Warpscope.Core.Model;

namespace Warpscope.Core.Numerics;

/// <summary>
/// The scalar reference: the same network, objective and gradient written the obvious way, one
/// sample at a time, in double precision. Slow on purpose; the fast kernels are tested against it,
/// and it is tested against finite differences.
/// </summary>
internal static class ReferenceMlp
{
    public static double Activate(Activation activation, double z) => activation switch
    {
        Activation.Tanh => Math.Tanh(z),
        Activation.Relu => Math.Max(z, 0),
        Activation.LeakyRelu => z > 0 ? z : ActivationKernels.LeakySlope * z,
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        Activation.Softplus => Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))),
        Activation.Sine => Math.Sin(z),
        Activation.Linear => z,
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    public static double Derivative(Activation activation, double z) => activation switch
    {
        Activation.Tanh => 1 - Math.Tanh(z) * Math.Tanh(z),
        Activation.Relu => z > 0 ? 1 : 0,
        Activation.LeakyRelu => z > 0 ? 1 : ActivationKernels.LeakySlope,
        Activation.Sigmoid => Activate(Activation.Sigmoid, z) * (1 - Activate(Activation.Sigmoid, z)),
        Activation.Softplus => Activate(Activation.Sigmoid, z),
        Activation.Sine => Math.Cos(z),
        Activation.Linear => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };

    /// <summary>
    /// z and a of every layer for one point (a of the output = softmax probabilities, or with
    /// <paramref name="target"/> a regression's value Offset + Scale·z), the point first scaled by <paramref name="scaling"/>.
    /// </summary>
    public static (double[][] Z, double[][] A, double[] Input) Forward(IReadOnlyList<LayerShape> layers, IReadOnlyList<InputFeature> features, double[] theta, double x, double y, InputScaling? scaling = null, TargetScaling? target = null, double depth = 0)
    {
        if (scaling is { IsIdentity: false } s) (x, y, depth) = ((x - s.OffsetX) / s.ScaleX, (y - s.OffsetY) / s.ScaleY, (depth - s.OffsetZ) / s.ScaleZ);
        var input = features.Select(f => FeatureKernels.Value(f, x, y, depth)).ToArray();
        var z = new double[layers.Count][];
        var a = new double[layers.Count][];
        var previous = input;
        foreach (var l in layers)
        {
            z[l.Index] = new double[l.Outputs];
            for (var j = 0; j < l.Outputs; j++)
            {
                var sum = theta[l.BiasOffset + j];
                for (var i = 0; i < l.Inputs; i++) sum += theta[l.WeightOffset + j * l.Inputs + i] * previous[i];
                z[l.Index][j] = sum;
            }
            a[l.Index] = l.IsOutput
                ? target is { } t ? [.. z[l.Index].Select(v => t.Offset + (double)t.Scale * v)] : Softmax(z[l.Index])
                : [.. z[l.Index].Select(v => Activate(l.Activation, v))];
            previous = a[l.Index];
        }
        return (z, a, input);
    }

    /// <summary>
    /// J = mean cross-entropy + L1·Σ|w| + (L2/2)·Σw², and dJ/dθ into gradient; for a regression network the
    /// mean squared error (z − t′)² of its output z against the standardised target t′ = (t − Offset)/Scale
    /// replaces the cross-entropy.
    /// </summary>
    public static double ObjectiveAndGradient(Network shape, double[] theta, LabeledPoints data, double l1, double l2, double[] gradient)
    {
        Array.Clear(gradient);
        var layers = shape.Layers;
        double loss = 0;
        for (var s = 0; s < data.Count; s++)
        {
            var (z, a, input) = Forward(layers, shape.Spec.Features, theta, data.X[s], data.Y[s], shape.Spec.Scaling);
            var label = data.Labels[s];
            var last = layers.Count - 1;
            double[] delta;
            if (shape.Spec.IsRegression)
            {
                // dL/dz_out = 2(z − t′)/N
                var target = shape.Spec.Target;
                var error = z[last][0] - (data.Targets![s] - (double)target.Offset) / target.Scale;
                loss += error * error;
                delta = [2 * error / data.Count];
            }
            else
            {
                loss -= LogSoftmax(z[last])[label];
                // dL/dz_out = p − onehot
                delta = a[last].Select((p, c) => (p - (c == label ? 1 : 0)) / data.Count).ToArray();
            }
            for (var k = last; k >= 0; k--)
            {
                var l = layers[k];
                var previous = k == 0 ? input : a[k - 1];
                for (var j = 0; j < l.Outputs; j++)
                {
                    gradient[l.BiasOffset + j] += delta[j];
                    for (var i = 0; i < l.Inputs; i++) gradient[l.WeightOffset + j * l.Inputs + i] += delta[j] * previous[i];
                }
                if (k == 0) break;
                var below = new double[l.Inputs];
                for (var i = 0; i < l.Inputs; i++)
                {
                    double sum = 0;
                    for (var j = 0; j < l.Outputs; j++) sum += theta[l.WeightOffset + j * l.Inputs + i] * delta[j];
                    below[i] = sum * Derivative(layers[k - 1].Activation, z[k - 1][i]);
                }
                delta = below;
            }
        }
        var objective = loss / data.Count;
        foreach (var l in layers)
        {
            for (var w = l.WeightOffset; w < l.BiasOffset; w++)
            {
                objective += l1 * Math.Abs(theta[w]) + 0.5 * l2 * theta[w] * theta[w];
                gradient[w] += l1 * Math.Sign(theta[w]) + l2 * theta[w];
            }
        }
        return objective;
    }

    /// <summary>J alone, for finite differences.</summary>
    public static double Objective(Network shape, double[] theta, LabeledPoints data, double l1, double l2) =>
        ObjectiveAndGradient(shape, theta, data, l1, l2, new double[theta.Length]);

    private static double[] Softmax(double[] z)
    {
        var log = LogSoftmax(z);
        return [.. log.Select(Math.Exp)];
    }

    private static double[] LogSoftmax(double[] z)
    {
        var max = z.Max();
        var log = Math.Log(z.Sum(v => Math.Exp(v - max)));
        return [.. z.Select(v => v - max - log)];
    }
}
