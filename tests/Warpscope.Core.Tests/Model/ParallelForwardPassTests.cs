using Warpscope.Core.Model;
using Warpscope.Core.Numerics;

namespace Warpscope.Core.Tests.Model;

public class ParallelForwardPassTests
{
    [Theory]
    [InlineData(2, 65536)]
    [InlineData(2, 5003)]
    [InlineData(3, 10_001)]
    [InlineData(2, 900)]   // too few points to split: one thread
    [InlineData(4, 1)]
    public void Predict_EqualsOneThreadBitForBit(int threads, int n)
    {
        var spec = NetworkSpec.Uniform([16, 16], Activation.Tanh, classes: 3);
        var network = Network.Create(spec, seed: 4);
        var random = new Random(n);
        var x = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 12 - 6)).ToArray();
        var y = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 12 - 6)).ToArray();
        var expected = new float[3 * n];
        new ForwardPass(network).Predict(x, y, expected);

        using var parallel = new ParallelForwardPass(network, threads);
        var got = new float[3 * n];
        for (var call = 0; call < 3; call++)
        {
            Array.Clear(got);
            parallel.Predict(x, y, got);
            Assert.Equal(expected, got);
        }
    }

    [Fact]
    public void Predict_FollowsTheNetworksCurrentWeights()
    {
        var network = Network.Create(NetworkSpec.Uniform([8], Activation.Tanh, classes: 2), seed: 1);
        var x = Enumerable.Range(0, 4096).Select(i => i / 512f - 4).ToArray();
        var y = x.Reverse().ToArray();
        using var parallel = new ParallelForwardPass(network, 2);
        var before = new float[2 * x.Length];
        parallel.Predict(x, y, before);
        for (var i = 0; i < network.Parameters.Length; i++) network.Parameters[i] = network.Parameters[i] * 1.5f + 0.1f;
        var after = new float[2 * x.Length];
        parallel.Predict(x, y, after);
        var expected = new float[2 * x.Length];
        new ForwardPass(network).Predict(x, y, expected);
        Assert.Equal(expected, after);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void BadArgumentsAreRefused_AndDisposeEndsTheThreads()
    {
        var network = Network.Create(NetworkSpec.Uniform([4], Activation.Tanh, classes: 2), seed: 1);
        var parallel = new ParallelForwardPass(network, 2);
        Assert.Throws<ArgumentException>(() => parallel.Predict(new float[4000], new float[3999], new float[8000]));
        Assert.Throws<ArgumentException>(() => parallel.Predict(new float[4000], new float[4000], new float[7999]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParallelForwardPass(network, 0));
        parallel.Dispose();
        parallel.Dispose();
        Assert.Throws<ObjectDisposedException>(() => parallel.Predict(new float[4000], new float[4000], new float[8000]));
    }
}
