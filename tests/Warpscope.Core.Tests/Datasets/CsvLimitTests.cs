using System.Text;
using Warpscope.Core.Datasets;
using Warpscope.Tests.Shared;

namespace Warpscope.Core.Tests.Datasets;

/// <summary>
/// The CSV reader against nasty files (tests/…/Datasets/nasty, copied beside the tests), its limits,
/// and 10 000 seeded mutations of a valid file (issue 13): every input gives data or one line naming
/// the problem, never another exception.
/// </summary>
public class CsvLimitTests
{
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public CsvLimitTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

    private static string Nasty(string name) => Path.Combine(AppContext.BaseDirectory, "nasty", name);

    private static string Refusal(string name) => Assert.Throws<UserInputException>(() => CsvDataset.Read(Nasty(name))).Message;

    [Fact]
    public void BomAndCrLf_AreRead()
    {
        var data = CsvDataset.Read(Nasty("bom-crlf.csv"));
        Assert.Equal(4, data.Points.Count);
        Assert.Equal(["x", "y"], data.AxisNames);
        Assert.Equal(["a", "b"], data.ClassNames);
        Assert.Equal(7f, data.Points.X[3]);
    }

    [Theory]
    [InlineData("utf16.csv", "utf16.csv:1: not valid UTF-8 text (save the file as UTF-8)")]
    [InlineData("latin1.csv", "latin1.csv:3: not valid UTF-8 text (save the file as UTF-8)")]
    [InlineData("empty.csv", "empty.csv: no data rows")]
    [InlineData("header-only.csv", "header-only.csv: no data rows")]
    [InlineData("semicolons.csv", "semicolons.csv:1: expected 3 fields (x,y,label), found 1")]
    [InlineData("mixed-delimiters.csv", "mixed-delimiters.csv:3: expected 3 fields (x,y,label), found 2")]
    [InlineData("huge-coordinate.csv", "huge-coordinate.csv:3: x 3e38 lies beyond ±1000000, the limit for coordinates")]
    [InlineData("past-the-limit.csv", "past-the-limit.csv:3: x 1000000.1 lies beyond ±1000000, the limit for coordinates")]
    public void NastyFiles_AreRefused_NamingTheLine(string file, string message) =>
        Assert.Equal(message, Refusal(file).Replace(Nasty("") + Path.DirectorySeparatorChar, ""));

    [Fact]
    public void ACoordinateAtTheLimit_IsKept() =>
        Assert.Equal(-1e6f, CsvDataset.Read(Nasty("at-the-limit.csv")).Points.Y[1]);

    [Fact]
    public void ALineWithoutEnd_IsRefused_NotHeld()
    {
        var bytes = Encoding.UTF8.GetBytes("x,y,label\n1,2,\"" + new string('a', DataLimits.MaxLineBytes) + "\"\n");
        Assert.Equal("long.csv:2: line longer than 65536 bytes", Assert.Throws<UserInputException>(() => CsvDataset.Read(new MemoryStream(bytes), "long.csv")).Message);
    }

    [Fact]
    public void AClassLeftWithOneTrainingPoint_SaysWhichAndWhy()
    {
        using var folder = new TempFolder();
        var path = folder.Write("few.csv", "x,y,label\n1,2,a\n3,4,b\n5,6,a\n7,8,b\n");
        var message = Assert.Throws<UserInputException>(() => DatasetFactory.Create(new DatasetSpec(path, 0, 0, 0.5, 1))).Message;
        Assert.Matches(@"class '[ab]' has [01] training points? after holding out 50 % for testing; a class needs at least 2", message);
        Assert.Equal(4, DatasetFactory.Create(new DatasetSpec(path, 0, 0, 0, 1)).Train.Count);
    }

    /// <summary>Seeded mutations of a valid file: bytes flipped, lines cut, doubled and dropped, numbers swapped for NaN, ±Inf, 1e39 and huge.</summary>
    [Fact]
    public void TenThousandMutations_GiveDataOrOneLine()
    {
        var valid = Encoding.UTF8.GetBytes("x,y,label\n0.5,-1.25,red\n2,3,blue\n-4e2,5e-3,\"gr,een\"\n1,1,red\n2,2,blue\n3,3,\"gr,een\"\n");
        var (accepted, refused) = Mutations.Run(valid, 13, bytes =>
        {
            var data = CsvDataset.Read(new MemoryStream(bytes), "fuzz.csv");
            Assert.InRange(data.ClassNames.Count, 2, 8);
            Assert.All(data.Points.X, v => Assert.InRange(v, -DataLimits.MaxCoordinate, DataLimits.MaxCoordinate));
        }, "fuzz.csv");
        _output.WriteLine($"CSV: 10000 inputs, {accepted} accepted, {refused} refused in one line");
        Assert.True(accepted > 500 && refused > 500, $"{accepted} accepted, {refused} refused: the mutations reach both");
    }

}

/// <summary>The heap a million-row file keeps, measured alone: other tests allocating in parallel would count too.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CsvMemoryCollection
{
    public const string Name = "CSV memory, alone";
}

[Collection(CsvMemoryCollection.Name)]
public class CsvMemoryTests
{
    [Fact]
    public void AMillionRows_AreRead_InColumns_OneMoreIsRefused_NamingTheLimit()
    {
        var text = new StringBuilder("x,y,label\n");
        for (var i = 0; i < DataLimits.MaxRows; i++) text.Append(i % 1000).Append(',').Append(i % 997).Append(',').Append(i % 2).Append('\n');
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        text.Clear();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var data = CsvDataset.Read(new MemoryStream(bytes), "rows.csv");
        var kept = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.Equal(DataLimits.MaxRows, data.Points.Count);
        Assert.Equal(999f, data.Points.X[999]);
        // Three numbers a row (x, y, label: 12 bytes), not an object per row: within 3× the file's size (issue 13).
        Assert.True(kept < 3 * bytes.Length, $"{kept} bytes kept for a {bytes.Length}-byte file");
        Assert.InRange(kept, 0, 16L * DataLimits.MaxRows);
        GC.KeepAlive(data);

        var more = bytes.Concat("1,1,1\n"u8.ToArray()).ToArray();
        Assert.Equal("rows.csv:1000002: more than 1,000,000 data rows, the limit; sample the file down",
            Assert.Throws<UserInputException>(() => CsvDataset.Read(new MemoryStream(more), "rows.csv")).Message);
    }
}
