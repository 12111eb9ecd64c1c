using System.Runtime.CompilerServices;

namespace Warpscope.Core.Numerics;

/// <summary>The mean squared error's loss and gradient at a regression network's single linear output, one vector of samples at a time.</summary>
internal static unsafe class SquaredErrorKernels
{
    /// <summary>
    /// For a block of <paramref name="count"/> samples with targets t: z := 2(z − t)·scale, dL/dz of
    /// L = scale·Σ(z − t)² (scale = 1/batch: the mean squared error), and returns Σ_s (z_s − t_s)².
    /// Lanes past <paramref name="count"/> become 0 so the padding adds nothing to any gradient. A
    /// non-finite z in a counted lane makes the loss non-finite, so the trainer stops a diverging network.
    /// z: [stride]  targets: [stride] (lanes past count ignored)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Gradient<T>(float* z, float* targets, int stride, int count, float scale) where T : struct, IFloatVector<T>
    {
        var loss = T.Zero;
        var twice = T.Create(2 * scale);
        for (var o = 0; o < stride; o += T.Count)
        {
            var valid = T.LanesBelow(count - o);
            var error = (T.Load(z + o) - T.Load(targets + o)) & valid;
            loss += error * error;
            (error * twice).Store(z + o);
        }
        return T.Sum(loss);
    }
}
