using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Warpscope.Benchmarks;

/// <summary>
/// One core's float32 multiply-add peak at each SIMD width, measured: twelve independent FMA chains
/// (enough to cover the FMA latency on every port of current x86 cores) run for a fixed count, best
/// of several repetitions. Two FLOPs per lane per FMA. The peers script divides by the widest
/// accelerated width's figure for its "% peak" column, measured in the same round as the workloads.
/// </summary>
public static class FmaPeak
{
    private const int Iterations = 2_000_000;
    private const int Chains = 12;

    /// <summary>GFLOP/s of 256-bit FMAs (0 without FMA).</summary>
    public static double Of256(int repetitions) => Fma.IsSupported ? Best(repetitions, () => Run256(Iterations), 8) : 0;

    /// <summary>GFLOP/s of 512-bit FMAs (0 without AVX-512F).</summary>
    public static double Of512(int repetitions) => Avx512F.IsSupported ? Best(repetitions, () => Run512(Iterations), 16) : 0;

    private static double Best(int repetitions, Func<float> run, int lanes)
    {
        run();   // tier up
        var best = double.MaxValue;
        var sink = 0f;
        for (var r = 0; r < repetitions; r++)
        {
            var start = Stopwatch.GetTimestamp();
            sink += run();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        GC.KeepAlive(sink);
        return 2.0 * lanes * Chains * Iterations / best / 1e9;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Run256(int iterations)
    {
        var m = Vector256.Create(0.999999f);
        var a = Vector256.Create(1e-7f);
        Vector256<float> c0 = m, c1 = m, c2 = m, c3 = m, c4 = m, c5 = m, c6 = m, c7 = m, c8 = m, c9 = m, c10 = m, c11 = m;
        for (var i = 0; i < iterations; i++)
        {
            c0 = Fma.MultiplyAdd(c0, m, a);
            c1 = Fma.MultiplyAdd(c1, m, a);
            c2 = Fma.MultiplyAdd(c2, m, a);
            c3 = Fma.MultiplyAdd(c3, m, a);
            c4 = Fma.MultiplyAdd(c4, m, a);
            c5 = Fma.MultiplyAdd(c5, m, a);
            c6 = Fma.MultiplyAdd(c6, m, a);
            c7 = Fma.MultiplyAdd(c7, m, a);
            c8 = Fma.MultiplyAdd(c8, m, a);
            c9 = Fma.MultiplyAdd(c9, m, a);
            c10 = Fma.MultiplyAdd(c10, m, a);
            c11 = Fma.MultiplyAdd(c11, m, a);
        }
        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Run512(int iterations)
    {
        var m = Vector512.Create(0.999999f);
        var a = Vector512.Create(1e-7f);
        Vector512<float> c0 = m, c1 = m, c2 = m, c3 = m, c4 = m, c5 = m, c6 = m, c7 = m, c8 = m, c9 = m, c10 = m, c11 = m;
        for (var i = 0; i < iterations; i++)
        {
            c0 = Avx512F.FusedMultiplyAdd(c0, m, a);
            c1 = Avx512F.FusedMultiplyAdd(c1, m, a);
            c2 = Avx512F.FusedMultiplyAdd(c2, m, a);
            c3 = Avx512F.FusedMultiplyAdd(c3, m, a);
            c4 = Avx512F.FusedMultiplyAdd(c4, m, a);
            c5 = Avx512F.FusedMultiplyAdd(c5, m, a);
            c6 = Avx512F.FusedMultiplyAdd(c6, m, a);
            c7 = Avx512F.FusedMultiplyAdd(c7, m, a);
            c8 = Avx512F.FusedMultiplyAdd(c8, m, a);
            c9 = Avx512F.FusedMultiplyAdd(c9, m, a);
            c10 = Avx512F.FusedMultiplyAdd(c10, m, a);
            c11 = Avx512F.FusedMultiplyAdd(c11, m, a);
        }
        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }
}
