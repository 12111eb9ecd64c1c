using System.Globalization;
using System.Text;
using Warpscope.Core.Datasets;

namespace Warpscope.Core.Tests.Regression;

/// <summary>The Playground's two regression recipes, and how a CSV's label column becomes a regression target.</summary>
public class RegressionDataTests
{
    [Fact]
    public void Plane_WithoutNoise_CarriesTheDiagonalOverTen_AtEveryPoint()
    {
        var data = DatasetFactory.Create(new DatasetSpec("plane", Points: 400, Noise: 0, TestFraction: 0.25, Seed: 3));
        Assert.Equal(LearningTask.Regression, data.Task);
        Assert.Equal(["value"], data.ClassNames);
        Assert.Equal(300, data.Train.Count);
        foreach (var points in new[] { data.Train, data.Test })
        {
            for (var i = 0; i < points.Count; i++)
            {
                Assert.InRange(points.X[i], -6f, 6f);
                Assert.InRange(points.Y[i], -6f, 6f);
                Assert.Equal((points.X[i] + points.Y[i]) / 10, points.Targets![i], 1e-5f);
            }
        }
    }

    [Theory]
    [InlineData(-4, 2.5, 1)]     // the centre of a positive bump
    [InlineData(0, 2.5, -1)]     // a negative one
    [InlineData(4, -2.5, -1)]
    [InlineData(-4, 1.5, 0.5)]   // 1 from the centre: half way down the cone
    [InlineData(0, -1.5, 0.5)]
    [InlineData(6, 6, 0)]        // farther than 2 from every centre
    [InlineData(-2, 2.5, 0)]     // exactly 2 from two centres of opposite signs: both 0
    public void MultiGauss_Target_IsTheLargestCone(double x, double y, double expected)
    {
        Assert.True(DatasetRegistry.TryGet("multigauss", out var generator));
        var recipe = Assert.IsAssignableFrom<Core.Datasets.Generators.RegressionGenerator>(generator);
        Assert.Equal(expected, recipe.Target(x, y), 1e-12);
    }

    [Fact]
    public void RegressionDatasets_AreDeterministicBySeed_AndNoiseBlursTheirTargets()
    {
        var spec = new DatasetSpec("multigauss", Points: 300, Noise: 0.3, Seed: 8);
        var a = DatasetFactory.Create(spec);
        var b = DatasetFactory.Create(spec);
        Assert.Equal(a.Train.Targets, b.Train.Targets);
        Assert.Equal(a.Train.X, b.Train.X);
        Assert.NotEqual(a.Train.Targets, DatasetFactory.Create(spec with { Seed = 9 }).Train.Targets);
        // Noise moves the point the value is read at, not the point: some targets now differ from the recipe's value there.
        Assert.True(DatasetRegistry.TryGet("multigauss", out var generator));
        var recipe = (Core.Datasets.Generators.RegressionGenerator)generator;
        var off = Enumerable.Range(0, a.Train.Count).Count(i => Math.Abs(recipe.Target(a.Train.X[i], a.Train.Y[i]) - a.Train.Targets![i]) > 0.05);
        Assert.InRange(off, a.Train.Count / 5, a.Train.Count);
    }

    [Fact]
    public void TaskOverride_ThatContradictsABuiltInDataset_IsRefused()
    {
        var e = Assert.Throws<UserInputException>(() => DatasetFactory.Create(new DatasetSpec("spiral") { Task = LearningTask.Regression }));
        Assert.Contains("classification dataset", e.Message);
        e = Assert.Throws<UserInputException>(() => DatasetFactory.Create(new DatasetSpec("plane") { Task = LearningTask.Classification }));
        Assert.Contains("regression dataset", e.Message);
    }

    private static string Csv(int distinct, int rows = 60)
    {
        var text = new StringBuilder("a,b,price\n");
        for (var i = 0; i < rows; i++)
            text.Append(CultureInfo.InvariantCulture, $"{i * 0.5},{i % 7},{i % distinct * 1.5}\n");
        return text.ToString();
    }

    [Fact]
    public void Csv_NumericLabelsWithMoreThanEightValues_AreARegressionTarget_NamedByTheHeader()
    {
        var data = CsvDataset.Parse(Csv(distinct: 9), "p.csv");
        Assert.Equal(LearningTask.Regression, data.Points.Task);
        Assert.Equal(["price"], data.ClassNames);
        Assert.Equal(8 * 1.5f, data.Points.Targets![8]);
        Assert.Equal(0f, data.Points.Targets[9]);
    }

    [Fact]
    public void Csv_ThreeNumericLabels_StayClasses_UnlessToldRegression()
    {
        var classes = CsvDataset.Parse(Csv(distinct: 3), "p.csv");
        Assert.Equal(LearningTask.Classification, classes.Points.Task);
        Assert.Equal(["0", "1.5", "3"], classes.ClassNames);
        var told = CsvDataset.Parse(Csv(distinct: 3), "p.csv", task: LearningTask.Regression);
        Assert.Equal(LearningTask.Regression, told.Points.Task);
        Assert.Equal(3f, told.Points.Targets![2]);
    }

    [Fact]
    public void Csv_ManyNumericLabels_ToldClassification_FailAsBefore()
    {
        var e = Assert.Throws<UserInputException>(() => CsvDataset.Parse(Csv(distinct: 9), "p.csv", task: LearningTask.Classification));
        Assert.Equal("p.csv: 9 distinct labels (max 8)", e.Message);
    }

    [Fact]
    public void Csv_ThousandsOfDistinctNumbers_AreRead_PastTheSpellingLimit()
    {
        var data = CsvDataset.Parse(Csv(distinct: 1000, rows: 1000), "p.csv");
        Assert.Equal(1000, data.Points.Count);
        Assert.Equal(999 * 1.5f, data.Points.Targets![999]);
    }

    [Fact]
    public void Csv_ToldRegression_RefusesAWordLabel_NamingTheLine()
    {
        var e = Assert.Throws<UserInputException>(() => CsvDataset.Parse("x,y,t\n1,2,3\n2,3,cat\n", "p.csv", task: LearningTask.Regression));
        Assert.Equal("p.csv:3: label 'cat' is not a number (a regression target must be)", e.Message);
    }

    [Fact]
    public void Csv_RegressionTestFile_IsReadAsTargets()
    {
        using var folder = new Datasets.TempFolder();
        var train = folder.Write("train.csv", Csv(distinct: 20));
        var test = folder.Write("test.csv", "a,b,price\n1,2,1234.5\n3,4,-7\n");
        var data = DatasetFactory.Create(new DatasetSpec(train) { TestData = test });
        Assert.Equal(LearningTask.Regression, data.Task);
        Assert.Equal([1234.5f, -7f], data.Test.Targets!);
        Assert.Equal(60, data.Train.Count);
    }
}
