using Warpscope.Core.Datasets;

namespace Warpscope.Core.Tests.Datasets;

public class DatasetFactoryTests
{
    [Theory]
    [InlineData(500, 0.5, 250, 250)]
    [InlineData(501, 0.3, 351, 150)] // 501 · 0.7 = 350.7 rounds to 351
    [InlineData(10, 0.25, 8, 2)]     // 7.5 rounds away from zero
    [InlineData(100, 0.0, 100, 0)]
    [InlineData(100, 0.9, 10, 90)]
    public void Create_SplitsRoundOfPointsTimesOneMinusTestFractionIntoTrain(int points, double testFraction, int train, int test)
    {
        var dataset = DatasetFactory.Create(new DatasetSpec("gauss", points, TestFraction: testFraction));
        Assert.Equal(train, dataset.Train.Count);
        Assert.Equal(test, dataset.Test.Count);
    }

    [Theory]
    [InlineData("spiral")]
    [InlineData("xor")]
    public void Create_SameSpec_GivesIdenticalArrays(string name)
    {
        var spec = new DatasetSpec(name, 400, 0.2, 0.3, Seed: 17);
        var a = DatasetFactory.Create(spec);
        var b = DatasetFactory.Create(spec);
        foreach (var (p, q) in new[] { (a.Train, b.Train), (a.Test, b.Test) })
        {
            Assert.Equal(Geometry.Bits(p.X), Geometry.Bits(q.X));
            Assert.Equal(Geometry.Bits(p.Y), Geometry.Bits(q.Y));
            Assert.Equal(p.Labels, q.Labels);
        }
    }

    [Fact]
    public void Spiral_SameSeed_GivesIdenticalPoints()
    {
        // Names are looked up case-insensitively; the seed alone decides the points.
        var dataset = DatasetFactory.Create(new DatasetSpec("spiral", 200, 0.1, Seed: 5));
        var again = DatasetFactory.Create(new DatasetSpec("SPIRAL", 200, 0.1, Seed: 5));
        Assert.Equal(Geometry.Bits(dataset.Train.X), Geometry.Bits(again.Train.X));
        Assert.NotEqual(Geometry.Bits(dataset.Train.X), Geometry.Bits(DatasetFactory.Create(new DatasetSpec("spiral", 200, 0.1, Seed: 6)).Train.X));
    }

    [Fact]
    public void Create_TrainAndTest_TogetherHoldExactlyTheGeneratedPoints_Shuffled()
    {
        var spec = new DatasetSpec("spiral", 300, 0.1, 0.4, Seed: 3, Classes: 3);
        var dataset = DatasetFactory.Create(spec);
        var generated = DatasetRegistry.Get("spiral").Generate(spec, new Random(spec.Seed));
        static IEnumerable<(int, int, int)> Rows(LabeledPoints p) =>
            Enumerable.Range(0, p.Count).Select(i => (BitConverter.SingleToInt32Bits(p.X[i]), BitConverter.SingleToInt32Bits(p.Y[i]), p.Labels[i]));
        var split = Rows(dataset.Train).Concat(Rows(dataset.Test)).ToArray();
        Assert.Equal(Rows(generated).Order(), split.Order());
        Assert.NotEqual(Rows(generated), split);
        // Shuffled, every class reaches both parts.
        Assert.Equal(3, dataset.Train.Labels.Distinct().Count());
        Assert.Equal(3, dataset.Test.Labels.Distinct().Count());
    }

    [Fact]
    public void Create_Generator_CarriesSpecClassNamesAndDomain()
    {
        var spec = new DatasetSpec("spiral", 80, Classes: 4);
        var dataset = DatasetFactory.Create(spec);
        Assert.Same(spec, dataset.Spec);
        Assert.Equal(["0", "1", "2", "3"], dataset.ClassNames);
        Assert.Equal(4, dataset.ClassCount);
        Assert.Equal(PlaneRect.Square(6), dataset.Domain);
    }

    [Theory]
    [InlineData("circle", 3, 0.0, 2, "dataset 'circle': points 3 is out of range; need 4 to 100000 (at least 2 per class)")]
    [InlineData("spiral", 11, 0.0, 6, "dataset 'spiral': points 11 is out of range; need 12 to 100000 (at least 2 per class)")]
    [InlineData("rings", 100_001, 0.0, 2, "dataset 'rings': points 100001 is out of range; need 4 to 100000 (at least 2 per class)")]
    [InlineData("xor", 100, 0.6, 2, "dataset 'xor': noise 0.6 is out of range; need 0 to 0.5")]
    [InlineData("moons", 100, 1.5, 2, "dataset 'moons': noise 1.5 is out of range; need 0 to 1")]
    [InlineData("gauss", 100, -0.1, 2, "dataset 'gauss': noise -0.1 is out of range; need 0 to 0.5")]
    [InlineData("curves", 100, double.NaN, 2, "dataset 'curves': noise NaN is out of range; need 0 to 1")]
    [InlineData("xor", 100, 0.0, 5, "dataset 'xor' has 2 classes; classes 5 applies only to spiral")]
    [InlineData("spiral", 100, 0.0, 9, "dataset 'spiral': classes 9 is out of range; need 2 to 8")]
    [InlineData("spiral", 100, 0.0, 1, "dataset 'spiral': classes 1 is out of range; need 2 to 8")]
    public void Create_SpecOutOfRange_NamesTheFieldAndTheRange(string name, int points, double noise, int classes, string message)
    {
        var e = Assert.Throws<UserInputException>(() => DatasetFactory.Create(new DatasetSpec(name, points, noise, Classes: classes)));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData(0.95)]
    [InlineData(-0.1)]
    public void Create_TestFractionOutOfRange_SaysTheRange(double testFraction)
    {
        var e = Assert.Throws<UserInputException>(() => DatasetFactory.Create(new DatasetSpec(TestFraction: testFraction)));
        Assert.Equal($"test fraction {testFraction} is out of range; need 0 to 0.9", e.Message);
    }

    [Fact]
    public void Create_TestFractionLeavingNoTrainingPoint_IsAnError()
    {
        var e = Assert.Throws<UserInputException>(() => DatasetFactory.Create(new DatasetSpec("circle", 4, TestFraction: 0.9)));
        Assert.Equal("test fraction 0.9 leaves no training points out of 4", e.Message);
    }

    [Fact]
    public void Create_UnknownName_ListsGeneratorsAndCsv()
    {
        var e = Assert.Throws<UserInputException>(() => DatasetFactory.Create(new DatasetSpec("foo")));
        Assert.Equal("unknown dataset 'foo'; choose one of circle, xor, gauss, spiral, curves, rings, moons, tori, plane, multigauss, or a .csv file", e.Message);
    }

    [Fact]
    public void Create_MissingCsv_SaysFileNotFound()
    {
        var path = Path.Combine(Path.GetTempPath(), $"warpscope-{Guid.NewGuid():N}", "data.csv");
        var e = Assert.Throws<UserInputException>(() => DatasetFactory.Create(new DatasetSpec(path)));
        Assert.Equal($"{path}: file not found", e.Message);
    }

    [Fact]
    public void Create_CsvPath_LoadsShufflesAndSplits_IgnoringPointsNoiseAndClasses()
    {
        using var folder = new TempFolder();
        var rows = string.Concat(Enumerable.Range(0, 20).Select(i => $"{i},{-i},{(i % 3 == 0 ? "cat" : "dog")}\n"));
        var path = folder.Write("pets.csv", "x,y,label\n" + rows);
        var spec = new DatasetSpec(path, Points: 3, Noise: 9, TestFraction: 0.25, Seed: 2, Classes: 7);
        var dataset = DatasetFactory.Create(spec);
        Assert.Equal(["cat", "dog"], dataset.ClassNames);
        Assert.Equal(15, dataset.Train.Count);
        Assert.Equal(5, dataset.Test.Count);
        var all = dataset.Train.X.Concat(dataset.Test.X).ToArray();
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (float)i), all.Order());
        Assert.NotEqual(all.Order(), all);
        for (var i = 0; i < dataset.Train.Count; i++)
        {
            Assert.Equal(-dataset.Train.X[i], dataset.Train.Y[i]);
            Assert.Equal((int)dataset.Train.X[i] % 3 == 0 ? 0 : 1, dataset.Train.Labels[i]);
        }
        var again = DatasetFactory.Create(spec);
        Assert.Equal(dataset.Train.X, again.Train.X);
        Assert.Equal(dataset.Test.X, again.Test.X);
    }

    [Fact]
    public void Create_ExistingFileWithoutCsvExtension_IsReadAsCsv()
    {
        using var folder = new TempFolder();
        var path = folder.Write("points.txt", "0,0,a\n1,1,b\n2,2,a\n3,3,b\n");
        Assert.Equal(["a", "b"], DatasetFactory.Create(new DatasetSpec(path) with { TestFraction = 0 }).ClassNames);
    }
}
