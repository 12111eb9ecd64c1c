namespace Warpscope.Core.Representations;

/// <summary>
/// A linear probe: multinomial logistic regression fitted on points of a representation (a layer's
/// values), reporting how well a straight cut separates the classes there. Features are
/// standardised first; full-batch gradient descent in double precision, deterministic.
/// </summary>
public static class LinearProbe
{
    /// <summary>Training accuracy of the best linear classifier found for (points, labels).</summary>
    public static double Accuracy(PointCloud points, int[] labels, int classes, int steps = 2000, double learningRate = 0.5) =>
        Fit(points, labels, classes, steps, learningRate).Accuracy;

    /// <summary>
    /// The probe fitted on (points, labels): its accuracy on them, and its margin — the median over the
    /// points of the signed distance to the probe's boundary (for a point of class y, the least
    /// (z_y − z_c) / ‖w_y − w_c‖ over the other classes c: negative when misclassified), measured in the
    /// layer's own coordinates and divided by the cloud's RMS radius about its mean, so layers of any
    /// scale compare.
    /// </summary>
    public static ProbeFit Fit(PointCloud points, int[] labels, int classes, int steps = 2000, double learningRate = 0.5)
    {
        int d = points.Dimensions, n = points.Count;
        var mean = new double[d];
        var scale = new double[d];
        for (var k = 0; k < d; k++)
        {
            var axis = points.Axis(k);
            double sum = 0, squares = 0;
            foreach (var v in axis) sum += v;
            mean[k] = sum / n;
            foreach (var v in axis) squares += (v - mean[k]) * (v - mean[k]);
            scale[k] = Math.Sqrt(squares / n) is var sd && sd > 1e-12 ? 1 / sd : 0;
        }
        var x = new double[n, d];
        for (var k = 0; k < d; k++)
            for (var i = 0; i < n; i++) x[i, k] = (points[k, i] - mean[k]) * scale[k];

        var w = new double[classes, d + 1];
        var gradient = new double[classes, d + 1];
        var p = new double[classes];
        for (var step = 0; step < steps; step++)
        {
            Array.Clear(gradient);
            for (var i = 0; i < n; i++)
            {
                Probabilities(w, x, i, d, p);
                for (var c = 0; c < classes; c++)
                {
                    var e = (p[c] - (labels[i] == c ? 1 : 0)) / n;
                    for (var k = 0; k < d; k++) gradient[c, k] += e * x[i, k];
                    gradient[c, d] += e;
                }
            }
            for (var c = 0; c < classes; c++)
                for (var k = 0; k <= d; k++) w[c, k] -= learningRate * gradient[c, k];
        }
        var correct = 0;
        var distances = new double[n];
        double radius = 0;
        for (var i = 0; i < n; i++)
        {
            Probabilities(w, x, i, d, p);
            var best = 0;
            for (var c = 1; c < classes; c++) if (p[c] > p[best]) best = c;
            if (best == labels[i]) correct++;
            distances[i] = Distance(w, x, i, d, scale, labels[i]);
            for (var k = 0; k < d; k++) radius += (points[k, i] - mean[k]) * (points[k, i] - mean[k]);
        }
        radius = Math.Sqrt(radius / n);
        Array.Sort(distances);
        var median = n % 2 == 1 ? distances[n / 2] : (distances[n / 2 - 1] + distances[n / 2]) / 2;
        return new ProbeFit((double)correct / n, radius > 0 ? median / radius : 0);
    }

    /// <summary>
    /// Signed distance of point i, in the layer's unstandardised coordinates, to the nearest boundary
    /// of its class's region: on x' = (x − mean)·scale the logits are affine with weights w_c·scale.
    /// </summary>
    private static double Distance(double[,] w, double[,] x, int i, int d, double[] scale, int label)
    {
        var nearest = double.PositiveInfinity;
        for (var c = 0; c < w.GetLength(0); c++)
        {
            if (c == label) continue;
            double gap = w[label, d] - w[c, d], norm = 0;
            for (var k = 0; k < d; k++)
            {
                var dw = w[label, k] - w[c, k];
                gap += dw * x[i, k];
                norm += dw * scale[k] * (dw * scale[k]);
            }
            nearest = Math.Min(nearest, norm > 0 ? gap / Math.Sqrt(norm) : 0);
        }
        return nearest;
    }

    private static void Probabilities(double[,] w, double[,] x, int i, int d, double[] p)
    {
        var max = double.NegativeInfinity;
        for (var c = 0; c < p.Length; c++)
        {
            var z = w[c, d];
            for (var k = 0; k < d; k++) z += w[c, k] * x[i, k];
            p[c] = z;
            max = Math.Max(max, z);
        }
        double total = 0;
        for (var c = 0; c < p.Length; c++) total += p[c] = Math.Exp(p[c] - max);
        for (var c = 0; c < p.Length; c++) p[c] /= total;
    }
}
