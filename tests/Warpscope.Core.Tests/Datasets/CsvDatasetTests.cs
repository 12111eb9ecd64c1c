using Warpscope.Core.Datasets;

namespace Warpscope.Core.Tests.Datasets;

public class CsvDatasetTests
{
    private static CsvData Parse(string text) => CsvDataset.Parse(text, "data.csv");

    private static string Error(string text) => Assert.Throws<UserInputException>(() => Parse(text)).Message;

    [Fact]
    public void WriteThenRead_GivesIdenticalFloatsAndLabels()
    {
        // Awkward floats (subnormal, −0, the largest below the ±1e6 limit, the limit itself) come back bit for bit.
        float[] x = [1.17549435E-38f / 3, -0f, 999999.94f, 0.1f, -1e-7f, 123456.79f, float.Epsilon, 1f / 3];
        float[] y = [-1e6f, 2.5f, 0f, -0.30000001f, 1e6f, 7f, -float.Epsilon, 2f / 3];
        int[] labels = [0, 1, 2, 0, 1, 2, 0, 1];
        var points = new LabeledPoints(x, y, labels);
        using var folder = new TempFolder();
        var path = folder.File("round.csv");
        CsvDataset.Write(path, points, ["0", "1", "2"]);
        var read = CsvDataset.Read(path);
        Assert.Equal(Geometry.Bits(x), Geometry.Bits(read.Points.X));
        Assert.Equal(Geometry.Bits(y), Geometry.Bits(read.Points.Y));
        Assert.Equal(labels, read.Points.Labels);
        Assert.Equal(["0", "1", "2"], read.ClassNames);
    }

    [Fact]
    public void WriteThenRead_GeneratedSpiral_RoundTripsExactly()
    {
        var dataset = DatasetFactory.Create(new DatasetSpec("spiral", 500, 0.3, Classes: 5));
        using var folder = new TempFolder();
        var path = folder.File("spiral.csv");
        CsvDataset.Write(path, dataset.Train, dataset.ClassNames);
        var read = CsvDataset.Read(path);
        Assert.Equal(Geometry.Bits(dataset.Train.X), Geometry.Bits(read.Points.X));
        Assert.Equal(Geometry.Bits(dataset.Train.Y), Geometry.Bits(read.Points.Y));
        Assert.Equal(dataset.Train.Labels, read.Points.Labels);
        Assert.Equal(dataset.ClassNames, read.ClassNames);
    }

    [Fact]
    public void WriteThenRead_AwkwardStringLabels_ComeBackAsWritten()
    {
        var points = new LabeledPoints([1, 2, 3, 4], [4, 3, 2, 1], [0, 1, 2, 3]);
        string[] names = ["a, b", "\"quoted\"", " padded ", "plain"];
        using var folder = new TempFolder();
        var path = folder.File("labels.csv");
        CsvDataset.Write(path, points, names);
        var read = CsvDataset.Read(path);
        // Read back in the order first seen (here: as written); each point keeps its name.
        Assert.Equal(names, read.ClassNames);
        for (var i = 0; i < 4; i++) Assert.Equal(names[points.Labels[i]], read.ClassNames[read.Points.Labels[i]]);
    }

    [Fact]
    public void Write_StartsWithHeader_AndOverwritesAtomically_LeavingNoTempFile()
    {
        using var folder = new TempFolder();
        var path = folder.Write("out.csv", "old content");
        CsvDataset.Write(path, new LabeledPoints([0.5f], [-2f], [1]), ["no", "yes"]);
        Assert.Equal("x,y,label\n0.5,-2,yes\n", File.ReadAllText(path));
        Assert.Equal(["out.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_LabelWithoutClassName_IsRejected()
    {
        using var folder = new TempFolder();
        Assert.Throws<ArgumentException>(() => CsvDataset.Write(folder.File("bad.csv"), new LabeledPoints([0f], [0f], [2]), ["0", "1"]));
    }

    [Fact]
    public void Read_WithHeader_SkipsIt()
    {
        var data = Parse("x,y,label\n1,2,0\n3,4,1\n");
        Assert.Equal([1f, 3f], data.Points.X);
        Assert.Equal([0, 1], data.Points.Labels);
    }

    [Fact]
    public void Read_WithoutHeader_KeepsTheFirstRow()
    {
        var data = Parse("1,2,0\n3,4,1\n");
        Assert.Equal([1f, 3f], data.Points.X);
        Assert.Equal([2f, 4f], data.Points.Y);
    }

    [Fact]
    public void Read_CrLfBlankLinesSpacesAndQuotes_AreHandled()
    {
        var data = Parse("\r\n  px , py , class \r\n\r\n 1.5 , -2e-3 , \"red, dark\" \r\n   \r\n-4,5,blue\r\n");
        Assert.Equal([1.5f, -4f], data.Points.X);
        Assert.Equal([-2e-3f, 5f], data.Points.Y);
        Assert.Equal(["red, dark", "blue"], data.ClassNames);
        Assert.Equal([0, 1], data.Points.Labels);
    }

    [Fact]
    public void WriteThenRead_NamedClasses_WhoseFirstRowIsNotClass0_KeepTheirOrder()
    {
        var points = new LabeledPoints([1, 2, 3, 4], [4, 3, 2, 1], [1, 1, 0, 1]);
        var text = CsvDataset.Format(points, ["cat", "dog"]);
        Assert.StartsWith("x,y,label\n3,2,cat\n1,4,dog\n2,3,dog\n4,1,dog\n", text); // each class's first row first
        var back = CsvDataset.Parse(text, "round trip");
        Assert.Equal(["cat", "dog"], back.ClassNames);
        Assert.Equal([0, 1, 1, 1], back.Points.Labels);
    }

    [Fact]
    public void WriteThenRead_RegressionPoints_KeepTheirValuesAndTheirName()
    {
        float[] values = [0.1f, -2.5f, 3e5f, 7f, 1f / 3, 8, 9, 10, 11.5f];
        var points = LabeledPoints.WithTargets([.. values.Select((_, i) => (float)i)], [.. values.Select((_, i) => -(float)i)], values);
        var text = CsvDataset.Format(points, ["price"]);
        Assert.StartsWith("x,y,price\n0,-0,0.1\n", text);
        var back = CsvDataset.Parse(text, "round trip");
        Assert.Equal(LearningTask.Regression, back.Points.Task);
        Assert.Equal(["price"], back.ClassNames);
        Assert.Equal(values, back.Points.Targets);
    }

    [Fact]
    public void Read_StringLabels_AreClassesInTheOrderFirstSeen()
    {
        // Issue 14: the first label keeps the first colour; "red" first is class 0, not after "green".
        var data = Parse("0,0,b\n0,0,B\n0,0,a\n0,0,b\n");
        Assert.Equal(["b", "B", "a"], data.ClassNames);
        Assert.Equal([0, 1, 2, 0], data.Points.Labels);
        var colours = Parse("0,0,red\n1,1,green\n");
        Assert.Equal(["red", "green"], colours.ClassNames);
    }

    [Fact]
    public void Read_NumericLabels_SortNumerically_NamedByFirstSpelling()
    {
        var data = Parse("0,0,10\n0,0,2\n0,0,-1\n0,0,2.0\n0,0,1e1\n");
        Assert.Equal(["-1", "2", "10"], data.ClassNames);
        Assert.Equal([2, 1, 0, 1, 2], data.Points.Labels);
    }

    [Fact]
    public void Read_MixedNumberAndStringLabels_SortAsStrings()
    {
        var data = Parse("0,0,10\n0,0,2\n0,0,x\n");
        Assert.Equal(["10", "2", "x"], data.ClassNames);
    }

    [Fact]
    public void Read_Domain_IsASquareAroundThePoints_With10PercentMargin()
    {
        var data = Parse("0,0,a\n10,4,b\n");
        // Side 10 plus 1 on each edge; centred on (5, 2).
        Assert.Equal(new PlaneRect(-1, 11, -4, 8), data.Domain);
    }

    [Fact]
    public void Read_PointsOnALine_GetANonDegenerateDomain()
    {
        var vertical = Parse("3,0,a\n3,1,b\n3,2,a\n").Domain;
        Assert.True(vertical.Width > 0 && vertical.Height > 0);
        var single = Parse("3,3,a\n3,3,b\n").Domain;
        Assert.Equal(new PlaneRect(2.4f, 3.6f, 2.4f, 3.6f), single);
    }

    [Fact]
    public void Read_WorkloadSpiral_HasTwoClassesAndAHeader()
    {
        var data = CsvDataset.Read(Path.Combine(Warpscope.Workloads.Workload.Folder, "spiral1000.csv"));
        Assert.Equal(1000, data.Points.Count);
        Assert.Equal(["0", "1"], data.ClassNames);
        Assert.Equal(Geometry.Bits(Warpscope.Workloads.Workload.Spiral().X), Geometry.Bits(data.Points.X));
    }

    [Theory]
    [InlineData("x,y,label\n1,2,0\n\n1,2\n", "data.csv:4: expected 3 fields (x,y,label), found 2")]
    [InlineData("1,2,0,\n", "data.csv:1: label (the last of 4 fields) is empty")]
    [InlineData("x,y\n1,2,0\n", "data.csv:1: expected 3 fields (x,y,label), found 2")]
    [InlineData("x,y,label\n1,2,0\nabc,2,1\n", "data.csv:3: x 'abc' is not a number")]
    [InlineData("1,2,0\n1,2;5,1\n", "data.csv:2: y '2;5' is not a number")]
    [InlineData("x,y,label\n1,2,0\n1,NaN,1\n", "data.csv:3: y is NaN")]
    [InlineData("1,2,0\n-Infinity,2,1\n", "data.csv:2: x '-Infinity' is not a finite float")]
    [InlineData("1,2,0\n1,1e39,1\n", "data.csv:2: y '1e39' is not a finite float")]
    [InlineData("1,2,0\n1,2,\n", "data.csv:2: label is empty")]
    [InlineData("1,2,0\n1,2,\"open\n", "data.csv:2: unterminated quote")]
    [InlineData("1,2,0\n1,2,\"a\"b\n", "data.csv:2: text after a closing quote")]
    [InlineData("1,2,0\n1,2,a\"b\n", "data.csv:2: a quote inside the unquoted field 'a\"b'")]
    [InlineData("x,y,label\n\n", "data.csv: no data rows")]
    [InlineData("", "data.csv: no data rows")]
    [InlineData("1,2,a\n3,4,a\n", "data.csv: only 1 distinct label (need 2 to 8)")]
    [InlineData("0,0,a\n0,0,b\n0,0,c\n0,0,d\n0,0,e\n0,0,f\n0,0,g\n0,0,h\n0,0,i\n", "data.csv: 9 distinct labels (max 8)")]
    public void Read_BadInput_NamesFileLineAndProblem(string text, string message)
    {
        Assert.Equal(message, Error(text));
    }

    [Fact]
    public void Read_MissingFile_SaysFileNotFound()
    {
        using var folder = new TempFolder();
        var path = folder.File("data.csv");
        Assert.Equal($"{path}: file not found", Assert.Throws<UserInputException>(() => CsvDataset.Read(path)).Message);
    }

    [Fact]
    public void Read_ErrorInAFile_NamesThePathAsGiven()
    {
        using var folder = new TempFolder();
        var path = folder.Write("data.csv", "x,y,label\n1,2,0\n1,2\n");
        Assert.Equal($"{path}:3: expected 3 fields (x,y,label), found 2",
            Assert.Throws<UserInputException>(() => CsvDataset.Read(path)).Message);
    }
}
