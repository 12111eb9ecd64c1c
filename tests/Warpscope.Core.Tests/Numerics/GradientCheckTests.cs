using Warpscope.Core.Model;
using Warpscope.Core.Numerics;

namespace Warpscope.Core.Tests.Numerics;

/// <summary>The reference gradient against central finite differences, in double precision.</summary>
public class GradientCheckTests
{
    public static TheoryData<Activation> AllActivations() => [.. Enum.GetValues<Activation>()];

    [Theory]
    [MemberData(nameof(AllActivations))]
    public void ReferenceGradient_MatchesFiniteDifferences_ForEveryActivation(Activation activation)
    {
        var spec = NetworkSpec.Uniform([5, 4], activation, classes: 3);
        AssertGradientMatches(spec, l1: 0, l2: 0, seed: 3);
    }

    [Fact]
    public void ReferenceGradient_MatchesFiniteDifferences_WithL1AndL2()
    {
        AssertGradientMatches(NetworkSpec.Uniform([4], Activation.Tanh), l1: 0.03, l2: 0.2, seed: 5);
    }

    [Fact]
    public void ReferenceGradient_MatchesFiniteDifferences_ForEightClassesAndAllFeatures()
    {
        var spec = new NetworkSpec([6], [Activation.Sigmoid], Enum.GetValues<InputFeature>(), classes: 8);
        AssertGradientMatches(spec, l1: 0, l2: 0.01, seed: 7);
    }

    [Fact]
    public void ReferenceGradient_MatchesFiniteDifferences_ForTheLinearModel()
    {
        AssertGradientMatches(NetworkSpec.Uniform([], Activation.Tanh, classes: 4), l1: 0.01, l2: 0, seed: 9);
    }

    private static void AssertGradientMatches(NetworkSpec spec, double l1, double l2, int seed)
    {
        var network = Network.Create(spec, seed);
        var data = TestData.Random(12, spec.Classes, seed);
        var theta = network.Parameters.Select(v => (double)v).ToArray();
        // Kinks (ReLU at 0, |w| at 0) are measure-zero; nudge biases off zero so no sample sits on one.
        var random = new Random(seed);
        for (var i = 0; i < theta.Length; i++) theta[i] += 0.1 * (random.NextDouble() - 0.5);

        var gradient = new double[theta.Length];
        ReferenceMlp.ObjectiveAndGradient(network, theta, data, l1, l2, gradient);
        const double h = 1e-6;
        for (var i = 0; i < theta.Length; i++)
        {
            var saved = theta[i];
            theta[i] = saved + h;
            var plus = ReferenceMlp.Objective(network, theta, data, l1, l2);
            theta[i] = saved - h;
            var minus = ReferenceMlp.Objective(network, theta, data, l1, l2);
            theta[i] = saved;
            var numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-6 + 1e-5 * Math.Abs(numeric),
                $"parameter {i}: finite difference {numeric:G9}, analytic {gradient[i]:G9}");
        }
    }
}
