using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Representations;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Core.Sessions;

/// <summary>One thing a learner should know about how training is going, and what to try.</summary>
/// <param name="Id">Stable name of the condition (dead-units, collapsed, swinging): the page shows each once.</param>
public sealed record Advice(string Id, string Message);

/// <summary>
/// Training that fails without a NaN, explained (issue 14): ReLU units that died, a hidden layer that
/// collapsed onto a line (then the network is no better than a linear model), and a loss that swings
/// without settling at a high learning rate. Each check reads the network on a sample of the training
/// points (at most <see cref="Sample"/>) and the recent epochs' losses; cheap enough for every frame.
/// </summary>
public static class TrainingAdvice
{
    public const int Sample = 500;

    /// <summary>Epochs before a dead unit or a collapse is called (early training passes through both).</summary>
    public const int Settle = 20;

    /// <summary>The best a straight line does on the training points: multinomial logistic regression on x, y.</summary>
    public static double LinearAccuracy(Dataset data)
    {
        var points = Take(data.Train, Sample * 4);
        if (points.Count == 0) return double.NaN;
        var cloud = new PointCloud(2, points.Count, [.. points.X, .. points.Y]);
        return LinearProbe.Accuracy(cloud, [.. points.Labels], data.ClassCount, steps: 400);
    }

    public static IReadOnlyList<Advice> For(Network network, Dataset data, SessionSetup setup, int epoch, IReadOnlyList<double> recentLosses, double linearAccuracy)
    {
        var advice = new List<Advice>();
        var points = Take(data.Train, Sample);
        if (points.Count < 2 || epoch < Settle) return advice;
        var trace = new ForwardPass(network).Trace(points.X, points.Y, points.Z);
        var hidden = network.Spec.Hidden;
        for (var layer = 0; layer < hidden.Count; layer++)
        {
            var values = trace.Layers[layer];
            if (network.Spec.Activations[layer] == Activation.Relu && Dead(values) is var dead && 2 * dead >= hidden[layer])
            {
                advice.Add(new Advice("dead-units", dead == hidden[layer]
                    ? $"Every ReLU unit of layer {layer + 1} outputs 0 for every point: they are dead and no longer learn, so the network is stuck. Lower the learning rate (now {F(setup.Training.LearningRate)}) and press Reset."
                    : $"{dead} of the {hidden[layer]} ReLU units of layer {layer + 1} output 0 for every point: they are dead and no longer learn. A lower learning rate (now {F(setup.Training.LearningRate)}) and Reset keep more of them alive."));
                break;
            }
        }
        // Dead units squeeze the layers after them onto a point: that is their story, not a collapse's.
        for (var layer = 0; layer < hidden.Count && advice.Count == 0; layer++)
        {
            if (hidden[layer] < 2 || !Collapsed(trace.Layers[layer].Post, hidden[layer], points.Count)) continue;
            var line = double.IsFinite(linearAccuracy) ? $" (a straight line gets {linearAccuracy:P0} of these points)" : "";
            advice.Add(new Advice("collapsed",
                $"Hidden layer {layer + 1} has collapsed: every point lies on one line in it, so the network does no better than a straight line{line}. " +
                $"Try Reset (new initial weights), {(setup.Training.Optimizer == OptimizerKind.Adam ? "SGD instead of Adam, " : "")}or a wider layer."));
            break;
        }
        if (Swinging(recentLosses) is { } swing && !(network.Spec.IsRegression && swing.High < 0.05 * TargetVariance(network.Spec, data.Train)))
        {
            // A regression's loss (in the network's units, see TargetScaling) can be tiny: shown to three significant digits.
            var (low, high) = network.Spec.IsRegression ? (F(swing.Low), F(swing.High)) : (swing.Low.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), swing.High.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
            advice.Add(new Advice("swinging",
                $"The loss swings between {low} and {high} from epoch to epoch without settling: the learning rate ({F(setup.Training.LearningRate)}) is probably too high. Try a tenth of it."));
        }
        return advice;
    }

    /// <summary>Units whose activation is 0 (or less) for every sampled point.</summary>
    private static int Dead(LayerTrace values)
    {
        var dead = 0;
        for (var u = 0; u < values.Units; u++)
        {
            var alive = false;
            foreach (var v in values.PostOf(u))
            {
                if (v > 0)
                {
                    alive = true;
                    break;
                }
            }
            if (!alive) dead++;
        }
        return dead;
    }

    /// <summary>
    /// Whether the points' activations lie on a line: the spread across the main direction is under 2 % of
    /// the spread along it (the covariance's second eigenvalue under 4·10⁻⁴ of the first), and there is a spread at all.
    /// </summary>
    private static bool Collapsed(float[] values, int units, int count)
    {
        var mean = new double[units];
        for (var u = 0; u < units; u++)
        {
            double sum = 0;
            for (var i = 0; i < count; i++) sum += values[u * count + i];
            mean[u] = sum / count;
        }
        var cov = new double[units, units];
        for (var a = 0; a < units; a++)
        {
            for (var b = a; b < units; b++)
            {
                double sum = 0;
                for (var i = 0; i < count; i++) sum += (values[a * count + i] - mean[a]) * (values[b * count + i] - mean[b]);
                cov[a, b] = cov[b, a] = sum / count;
            }
        }
        double trace = 0;
        for (var u = 0; u < units; u++) trace += cov[u, u];
        if (!(trace > 1e-10)) return true; // every point on one spot: collapsed to less than a line
        // The largest eigenvalue by power iteration; what is left of the trace is the spread off that line.
        var v = new double[units];
        for (var u = 0; u < units; u++) v[u] = 1 + 0.01 * u;
        double largest = 0;
        for (var step = 0; step < 200; step++)
        {
            var next = new double[units];
            for (var a = 0; a < units; a++)
                for (var b = 0; b < units; b++) next[a] += cov[a, b] * v[b];
            var norm = Math.Sqrt(next.Sum(x => x * x));
            if (norm == 0) break;
            for (var u = 0; u < units; u++) v[u] = next[u] / norm;
            largest = norm;
        }
        return trace - largest < 4e-4 * largest;
    }

    /// <summary>The last 20 epochs' losses, when they swing (their range is over half their mean, and they are not falling overall).</summary>
    private static (double Low, double High)? Swinging(IReadOnlyList<double> losses)
    {
        const int window = 20;
        if (losses.Count < window) return null;
        var last = losses.Skip(losses.Count - window).ToArray();
        if (last.Any(l => !double.IsFinite(l))) return null;
        double low = last.Min(), high = last.Max(), mean = last.Average();
        var firstHalf = last.Take(window / 2).Average();
        var secondHalf = last.Skip(window / 2).Average();
        var falling = secondHalf < 0.8 * firstHalf;
        return high - low > 0.5 * mean && !falling ? (low, high) : null;
    }

    /// <summary>
    /// The spread of a regression's training targets in the network's units (Var t / Scale²): a loss that swings below a
    /// twentieth of it (R² above 0.95) is a fit's mini-batch noise, not a learning rate too high.
    /// </summary>
    private static double TargetVariance(NetworkSpec spec, LabeledPoints train)
    {
        if (train.Targets is not { Length: > 1 } targets) return 0;
        double mean = 0, squares = 0;
        foreach (var t in targets) mean += t;
        mean /= targets.Length;
        foreach (var t in targets) squares += (t - mean) * (t - mean);
        return squares / targets.Length / ((double)spec.Target.Scale * spec.Target.Scale);
    }

    private static LabeledPoints Take(LabeledPoints points, int most)
    {
        if (points.Count <= most) return points;
        // Evenly spaced, so the sample is the same every time (deterministic advice).
        var step = (double)points.Count / most;
        var index = Enumerable.Range(0, most).Select(i => (int)(i * step)).ToArray();
        return new LabeledPoints([.. index.Select(i => points.X[i])], [.. index.Select(i => points.Y[i])], [.. index.Select(i => points.Labels[i])]);
    }

    private static string F(double v) => v.ToString("G3", System.Globalization.CultureInfo.InvariantCulture);
}
