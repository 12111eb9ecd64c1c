using Warpscope.Core.Datasets;

namespace Warpscope.Core.Tests.Datasets;

/// <summary>What every registered generator promises, checked for each.</summary>
public class GeneratorContractTests
{
    /// <summary>The classification generators (the regression ones carry targets: RegressionDataTests).</summary>
    public static TheoryData<string> Names => [.. DatasetRegistry.All.Where(g => g.Task == LearningTask.Classification).Select(g => g.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Generator_SameSeed_GivesIdenticalPoints(string name)
    {
        var spec = new DatasetSpec(name, 301, 0.2, Seed: 42);
        var generator = DatasetRegistry.Get(name);
        var a = generator.Generate(spec, new Random(42));
        var b = generator.Generate(spec, new Random(42));
        Assert.Equal(Geometry.Bits(a.X), Geometry.Bits(b.X));
        Assert.Equal(Geometry.Bits(a.Y), Geometry.Bits(b.Y));
        Assert.Equal(a.Labels, b.Labels);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Generator_DifferentSeed_GivesDifferentPoints(string name)
    {
        var spec = new DatasetSpec(name, 100, 0.2);
        var generator = DatasetRegistry.Get(name);
        Assert.NotEqual(generator.Generate(spec, new Random(1)).X, generator.Generate(spec, new Random(2)).X);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Generator_GivesExactlyThePointsAsked_WithTwoClassesNamed0And1(string name)
    {
        var generator = DatasetRegistry.Get(name);
        var spec = new DatasetSpec(name, 37, 0.1);
        var p = generator.Generate(spec, new Random(1));
        Assert.Equal(37, p.Count);
        Assert.All(p.Labels, l => Assert.InRange(l, 0, 1));
        Assert.Equal(["0", "1"], generator.ClassNames(spec));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Generator_NoiseZero_KeepsPointsInsideItsDomain(string name)
    {
        var generator = DatasetRegistry.Get(name);
        var p = generator.Generate(new DatasetSpec(name, 500), new Random(1));
        var d = generator.Domain;
        Assert.All(p.X, x => Assert.InRange(x, d.XMin, d.XMax));
        Assert.All(p.Y, y => Assert.InRange(y, d.YMin, d.YMax));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Generator_AllCoordinatesAreFinite_AtMaximumNoise(string name)
    {
        var generator = DatasetRegistry.Get(name);
        var maxNoise = name is "curves" or "rings" or "moons" ? 1.0 : 0.5;
        var p = generator.Generate(new DatasetSpec(name, 500, maxNoise), new Random(1));
        Assert.All(p.X, x => Assert.True(float.IsFinite(x)));
        Assert.All(p.Y, y => Assert.True(float.IsFinite(y)));
    }
}
