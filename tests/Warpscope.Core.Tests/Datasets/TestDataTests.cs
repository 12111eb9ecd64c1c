using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.ModelFiles;
using Warpscope.Core.Training;

namespace Warpscope.Core.Tests.Datasets;

public class TestDataTests
{
    private const string Train = "east,north,kind\n1,1,red\n2,2,red\n3,3,blue\n4,4,blue\n5,5,green\n6,6,green\n";

    [Fact]
    public void TestFile_IsEveryTestPoint_InItsOrder_WithTheTrainingFilesClasses()
    {
        using var folder = new TempFolder();
        var train = folder.Write("train.csv", Train);
        var test = folder.Write("test.csv", "east,north,kind\n10,-10,green\n11,-11,red\n");

        var data = DatasetFactory.Create(new DatasetSpec(train, Seed: 3) { TestData = test });

        Assert.Equal(6, data.Train.Count);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], data.Train.X.Order());
        Assert.Equal([10f, 11f], data.Test.X);
        Assert.Equal([2, 0], data.Test.Labels);
        Assert.Equal(["red", "blue", "green"], data.ClassNames);
        Assert.Equal(test, data.TestSource!.File);
        // The view frames both files' points.
        Assert.InRange(data.Domain.YMin, -13f, -11f);
    }

    [Fact]
    public void TestFile_NumericLabels_AreMatchedByValue()
    {
        using var folder = new TempFolder();
        var train = folder.Write("train.csv", "1,1,0\n2,2,0\n3,3,1\n4,4,1\n");
        var test = folder.Write("test.csv", "5,5,1.0\n6,6,0\n");

        var data = DatasetFactory.Create(new DatasetSpec(train) { TestData = test });

        Assert.Equal([1, 0], data.Test.Labels);
    }

    [Fact]
    public void TestFile_WithALabelTheTrainingFileLacks_IsRefusedWithItsLine()
    {
        using var folder = new TempFolder();
        var train = folder.Write("train.csv", Train);
        var test = folder.Write("test.csv", "east,north,kind\n10,10,red\n11,11,purple\n");

        var e = Assert.Throws<UserInputException>(() => DatasetFactory.Create(new DatasetSpec(train) { TestData = test }));

        Assert.Equal($"--test-data: {test}:3: label 'purple' is not one of the training data's classes (red, blue, green)", e.Message);
    }

    [Fact]
    public void TestFile_Missing_NamesTheOption()
    {
        using var folder = new TempFolder();
        var train = folder.Write("train.csv", Train);

        var e = Assert.Throws<UserInputException>(() => DatasetFactory.Create(new DatasetSpec(train) { TestData = folder.File("nope.csv") }));

        Assert.Equal($"--test-data: {folder.File("nope.csv")}: file not found", e.Message);
    }

    [Fact]
    public void TestFile_WithABuiltInDataset_IsRefused()
    {
        var e = Assert.Throws<UserInputException>(() => DatasetFactory.Create(new DatasetSpec("moons") { TestData = "t.csv" }));

        Assert.Equal("--test-data: 'moons' is a built-in dataset; a test file goes with a CSV training file", e.Message);
    }

    [Fact]
    public void ModelOfABigTestFile_FindsBothFilesAgain()
    {
        using var folder = new TempFolder();
        var train = folder.Write("train.csv", Train);
        var test = folder.Write("test.csv", "east,north,kind\n10,-10,green\n11,-11,red\n");
        var spec = new DatasetSpec(train, Seed: 3) { TestData = test, Columns = new CsvColumns("east", "north", "kind") };
        var data = DatasetFactory.Create(spec);
        var model = new TrainedModel(Network.Create(NetworkSpec.Uniform([2], Activation.Tanh, 3), 1), data.ClassNames, spec)
        {
            // As a file too large to embed is kept: by where it is and its hash only.
            Data = ModelData.Of(data, data.Source!) with { Train = null, Test = null },
        };
        using var stream = new MemoryStream();
        ModelFile.Write(stream, model);
        var back = ModelFile.Parse(stream.ToArray(), "m.json");

        var again = back.RecreateDataset(out var problem);

        Assert.Null(problem);
        Assert.Equal(data.Test.X, again!.Test.X);
        Assert.Equal(data.Train.X, again.Train.X);
        Assert.Equal(["east", "north"], again.AxisNames);
    }
}
