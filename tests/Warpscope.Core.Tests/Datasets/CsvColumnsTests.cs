using Warpscope.Core.Datasets;

namespace Warpscope.Core.Tests.Datasets;

public class CsvColumnsTests
{
    private const string Survey = "kind,east,north,depth\na,1000.5,2001,7\nb,999.25,1998.5,8\na,1001,2000,9\n";

    private static string Error(string text, CsvColumns columns) =>
        Assert.Throws<UserInputException>(() => CsvDataset.Parse(text, "survey.csv", columns)).Message;

    [Fact]
    public void ByName_PicksThoseColumnsAndTitlesTheAxesWithThem()
    {
        var data = CsvDataset.Parse(Survey, "survey.csv", new CsvColumns("east", "north", "kind"));

        Assert.Equal([1000.5f, 999.25f, 1001f], data.Points.X);
        Assert.Equal([2001f, 1998.5f, 2000f], data.Points.Y);
        Assert.Equal([0, 1, 0], data.Points.Labels);
        Assert.Equal(["a", "b"], data.ClassNames);
        Assert.Equal(["east", "north"], data.AxisNames);
    }

    [Fact]
    public void ByIndex_WithoutAHeader_CountsFromZero()
    {
        var data = CsvDataset.Parse("a,1000.5,2001,7\nb,999.25,1998.5,8\n", "survey.csv", new CsvColumns("2", "1", "0"));

        Assert.Equal([2001f, 1998.5f], data.Points.X);
        Assert.Equal([1000.5f, 999.25f], data.Points.Y);
        Assert.Equal(["a", "b"], data.ClassNames);
        Assert.Equal(["x", "y"], data.AxisNames);
    }

    [Fact]
    public void Default_IsTheFirstTwoColumnsAndTheLast()
    {
        var data = CsvDataset.Parse("u,v,w,class\n1,2,99,red\n3,4,98,blue\n", "wide.csv");

        Assert.Equal([1f, 3f], data.Points.X);
        Assert.Equal([2f, 4f], data.Points.Y);
        Assert.Equal(["red", "blue"], data.ClassNames);
        Assert.Equal(["u", "v"], data.AxisNames);
    }

    [Fact]
    public void MixedNamesAndIndices_AreFoundInTheHeader()
    {
        var data = CsvDataset.Parse(Survey, "survey.csv", new CsvColumns("1", "north", "0"));

        Assert.Equal([1000.5f, 999.25f, 1001f], data.Points.X);
        Assert.Equal(["east", "north"], data.AxisNames);
    }

    [Theory]
    [InlineData("eastt", null, null, "--x 'eastt': no such column in survey.csv (its columns: kind, east, north, depth)")]
    [InlineData(null, "7", null, "--y 7: survey.csv has 4 columns (0 to 3)")]
    [InlineData("east", "east", "kind", "--x and --y both name column 1 of survey.csv")]
    [InlineData("east", "north", "north", "--label: column 2 of survey.csv already holds y")]
    [InlineData("kind", "north", null, "survey.csv:2: x 'a' is not a number")]
    public void BadColumn_FailsInOneLineNamingTheOptionAndTheFile(string? x, string? y, string? label, string expected)
    {
        Assert.Equal(expected, Error(Survey, new CsvColumns(x, y, label)));
    }

    [Fact]
    public void AName_InAFileWithoutAHeader_SaysThereIsNone()
    {
        Assert.Equal("--label 'kind': no such column in survey.csv (it has no header row)",
            Error("1,2,0\n3,4,1\n", new CsvColumns(Label: "kind")));
    }

    [Fact]
    public void UnknownColumn_CarriesTheOptionAsItsKey()
    {
        var e = Assert.Throws<UserInputException>(() => CsvDataset.Parse(Survey, "survey.csv", new CsvColumns(Label: "colour")));
        Assert.Equal("label", e.Key);
    }
}
