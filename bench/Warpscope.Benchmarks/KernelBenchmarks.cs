using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace Warpscope.Benchmarks;

/// <summary>The pieces of a step on their own: how much of a frame the vectorised tanh costs.</summary>
public class KernelBenchmarks
{
    private readonly float[] _z = new float[16 * 64];
    private readonly float[] _a = new float[16 * 64];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (var i = 0; i < _z.Length; i++) _z[i] = (float)(random.NextDouble() * 6 - 3);
    }

    [Benchmark(Description = "tanh of a 16×64 block")]
    public void Tanh() => TensorPrimitives.Tanh(_z, _a);
}
