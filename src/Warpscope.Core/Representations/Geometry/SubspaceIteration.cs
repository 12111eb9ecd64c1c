using System.Numerics.Tensors;

namespace Warpscope.Core.Representations.Geometry;

/// <summary>
/// The leading eigenpairs of a wide covariance C = (1/n)·XcXcᵀ: block power (subspace) iteration with a
/// Rayleigh–Ritz step. C is applied either from its formed matrix (D² per vector) or, when D is too wide to
/// store it, implicitly from the centred data (2·D·n per vector).
/// </summary>
internal static class SubspaceIteration
{
    /// <summary>Extra vectors carried beyond those wanted: convergence goes as (λ_{m+1}/λ_k)^iterations, so a
    /// block wider than k converges even when λ_k and λ_{k+1} are close.</summary>
    private const int Oversampling = 8;

    /// <summary>
    /// Cap on iterations. Data with a clear leading spectrum converges in a handful; a nearly flat spectrum
    /// (noise) may never meet the tolerance, but there the leading axes are ill-defined anyway, and the Ritz
    /// pairs after the cap still capture nearly the largest variance the block can.
    /// </summary>
    private const int MaxIterations = 100;

    /// <summary>
    /// Converged when every wanted Ritz pair has ‖C·y − θ·y‖ ≤ Tolerance·θ₀: the Ritz value is then off by about
    /// residual²/gap and the axis by an angle of about residual/gap, far below what a drawing can show.
    /// </summary>
    private const double Tolerance = 1e-6;

    /// <summary>
    /// The <paramref name="wanted"/> largest eigenvalues of the data's covariance, descending, and their unit
    /// eigenvectors. The data must have non-zero total variance.
    /// data: [D][n]  covariance: [D][D], or null to apply C from the data
    /// </summary>
    public static (double[] Values, double[][] Vectors) TopEigenpairs(ReadOnlySpan<float> data, int dimensions, int count, double[] mean, double[]? covariance, int wanted)
    {
        var m = Math.Min(dimensions, wanted + Oversampling);
        // Deterministic start: a fixed seed, so the same data always gives the same axes.
        var random = new Random(20240611);
        var q = new double[m][];
        for (var j = 0; j < m; j++)
        {
            q[j] = new double[dimensions];
            for (var d = 0; d < dimensions; d++) q[j][d] = random.NextDouble() - 0.5;
        }
        Orthonormalize(q);

        var z = new double[m][];
        var ritz = new double[m][];
        var image = new double[m][];
        for (var j = 0; j < m; j++)
        {
            z[j] = new double[dimensions];
            ritz[j] = new double[dimensions];
            image[j] = new double[dimensions];
        }
        var h = new double[m * m];
        var block = covariance is null ? CenteredBlocks.BlockLength(dimensions, count) : 0;
        var buffer = new double[dimensions * block];
        var w = new double[m * block];
        var values = Array.Empty<double>();
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            if (covariance is null) Apply(data, dimensions, count, mean, q, z, buffer, w);
            else Apply(covariance, q, z);

            // Rayleigh–Ritz: H = Qᵀ·C·Q (m×m), H = U·Θ·Uᵀ; the Ritz vectors Y = Q·U approximate eigenvectors of C
            // and C·Y = Z·U comes for free from Z = C·Q. Symmetrise H against round-off.
            for (var i = 0; i < m; i++)
            {
                for (var j = i; j < m; j++)
                {
                    var hij = 0.5 * (TensorPrimitives.Dot<double>(q[i], z[j]) + TensorPrimitives.Dot<double>(q[j], z[i]));
                    h[i * m + j] = hij;
                    h[j * m + i] = hij;
                }
            }
            (values, var u) = SymmetricEigen.Decompose(h, m);
            for (var k = 0; k < m; k++)
            {
                Array.Clear(ritz[k]);
                Array.Clear(image[k]);
                for (var j = 0; j < m; j++)
                {
                    TensorPrimitives.MultiplyAdd(q[j], u[k][j], ritz[k], ritz[k]);
                    TensorPrimitives.MultiplyAdd(z[j], u[k][j], image[k], image[k]);
                }
            }

            var worst = 0.0;
            for (var k = 0; k < wanted; k++)
            {
                // ‖C·y − θ·y‖ bounds the eigenvalue error by itself and the angle error by itself over the gap.
                var residual = 0.0;
                for (var d = 0; d < dimensions; d++)
                {
                    var r = image[k][d] - values[k] * ritz[k][d];
                    residual += r * r;
                }
                worst = Math.Max(worst, Math.Sqrt(residual));
            }
            if (worst <= Tolerance * Math.Abs(values[0])) break;

            // Power step: the next basis spans C·Y (= C·Q, reordered by Ritz value), re-orthonormalised.
            for (var k = 0; k < m; k++) image[k].CopyTo(q[k], 0);
            Orthonormalize(q);
        }
        var vectors = new double[wanted][];
        for (var k = 0; k < wanted; k++)
        {
            vectors[k] = ritz[k];
            TensorPrimitives.Divide(vectors[k], TensorPrimitives.Norm<double>(vectors[k]), vectors[k]);
        }
        return (values[..wanted], vectors);
    }

    /// <summary>Z = C·Q from the formed matrix: z_j[i] = C[i]·q_j.  c: [D][D]  q, z: [m][D]</summary>
    private static void Apply(double[] covariance, double[][] q, double[][] z)
    {
        var dimensions = q[0].Length;
        for (var j = 0; j < q.Length; j++)
        {
            for (var i = 0; i < dimensions; i++) z[j][i] = TensorPrimitives.Dot(new ReadOnlySpan<double>(covariance, i * dimensions, dimensions), q[j]);
        }
    }

    /// <summary>
    /// Z = C·Q = (1/n)·Xc·(Xcᵀ·Q), one block of samples at a time: W = Xcᵀ·Q for the block, then Z += Xc·W.
    /// data: [D][n]  q, z: [m][D]  buffer: [D][B]  w: [m][B] (B = samples per block)
    /// </summary>
    private static void Apply(ReadOnlySpan<float> data, int dimensions, int count, double[] mean, double[][] q, double[][] z, double[] buffer, double[] w)
    {
        var m = q.Length;
        var block = buffer.Length / dimensions;
        foreach (var zj in z) Array.Clear(zj);
        for (var start = 0; start < count; start += block)
        {
            var length = Math.Min(block, count - start);
            CenteredBlocks.Center(data, dimensions, count, mean, start, length, buffer);
            for (var j = 0; j < m; j++)
            {
                // w_j[b] = Σ_d q_j[d]·xc[d][b], accumulated as axpy over contiguous unit rows.
                var wj = w.AsSpan(j * length, length);
                wj.Clear();
                for (var d = 0; d < dimensions; d++)
                {
                    TensorPrimitives.MultiplyAdd(new ReadOnlySpan<double>(buffer, d * length, length), q[j][d], wj, wj);
                }
                // z_j[d] += xc[d]·w_j
                for (var d = 0; d < dimensions; d++)
                {
                    z[j][d] += TensorPrimitives.Dot(new ReadOnlySpan<double>(buffer, d * length, length), wj);
                }
            }
        }
        foreach (var zj in z) TensorPrimitives.Divide(zj, count, zj);
    }

    /// <summary>
    /// Modified Gram–Schmidt, twice ("twice is enough" for orthogonality to round-off). A vector that loses
    /// almost all its length to the earlier ones (C of lower rank than the block) is replaced by the next unit
    /// basis vector that survives orthogonalisation, so the block always stays a full orthonormal set.
    /// </summary>
    private static void Orthonormalize(double[][] vectors)
    {
        var nextBasis = 0;
        for (var j = 0; j < vectors.Length; j++)
        {
            var v = vectors[j];
            var original = TensorPrimitives.Norm<double>(v);
            while (true)
            {
                for (var pass = 0; pass < 2; pass++)
                {
                    for (var i = 0; i < j; i++)
                    {
                        TensorPrimitives.MultiplyAdd(vectors[i], -TensorPrimitives.Dot<double>(vectors[i], v), v, v);
                    }
                }
                var norm = TensorPrimitives.Norm<double>(v);
                if (norm > 1e-10 * original && norm > 0)
                {
                    TensorPrimitives.Divide(v, norm, v);
                    break;
                }
                Array.Clear(v);
                v[nextBasis++] = 1;
                original = 1;
            }
        }
    }
}
