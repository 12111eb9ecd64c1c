using System.Diagnostics;
using System.Text.Json;

namespace Warpscope.Cli.Tests;

/// <summary>
/// Issue 17's <c>warpscope sweep</c>: what it finds on curves and rings, shards run as separate
/// processes and merged into the same bytes as one sweep, and a killed sweep resumed into the same bytes.
/// </summary>
public sealed class SweepTests : IDisposable
{
    // Noise-free data, Adam at 0.1 for 300 epochs: enough for 2 tanh units to straighten the curves
    // and for 3 to lift the disk out of the ring, about a second a sweep here.
    private static readonly string[] Small = ["--points", "400", "--noise", "0", "--lr", "0.1", "--epochs", "300"];
    private readonly string _folder = Directory.CreateTempSubdirectory("warpscope-sweep-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Sweep(string name, params string[] args)
    {
        var output = Path.Combine(_folder, name);
        var result = CliRunner.Run(["sweep", .. args, "--out", output]);
        Assert.True(result.ExitCode == 0, result.Error);
        return output;
    }

    /// <summary>runs.json's cells: (depth, width) → (median, min, max).</summary>
    private static Dictionary<(int Depth, int Width), (double Median, double Min, double Max)> Cells(string folder)
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "runs.json")));
        return json.RootElement.GetProperty("cells").EnumerateArray().ToDictionary(
            c => (c.GetProperty("depth").GetInt32(), c.GetProperty("width").GetInt32()),
            c => (c.GetProperty("median").GetDouble(), c.GetProperty("min").GetDouble(), c.GetProperty("max").GetDouble()));
    }

    [Fact]
    public void Curves_TwoUnitsWide_Reach100Percent()
    {
        var folder = Sweep("curves", ["--data", "curves", "--depths", "1", "--widths", "1,2", "--seeds", "3", .. Small]);
        var cells = Cells(folder);
        Assert.Equal(1.0, cells[(1, 2)].Median);
        Assert.True(cells[(1, 1)].Max < 0.9, $"one unit: {cells[(1, 1)]}"); // one unit is a straight cut
        Assert.Equal(6, Directory.GetFiles(Path.Combine(folder, "runs"), "*.json").Length);
        Assert.Equal(7, File.ReadAllLines(Path.Combine(folder, "runs.csv")).Length); // header and 6 runs
        foreach (var picture in new[] { "heatmap.png", "thumbnails.png" })
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(folder, picture))[..4]);
    }

    [Fact]
    public void Rings_TwoWideStaysBelow100AtEveryDepth_ThreeWideReachesIt()
    {
        var folder = Sweep("rings", ["--data", "rings", "--depths", "1..4", "--widths", "2,3", "--seeds", "3", .. Small]);
        var cells = Cells(folder);
        for (var depth = 1; depth <= 4; depth++)
        {
            Assert.True(cells[(depth, 2)].Max < 1, $"depth {depth}, width 2: {cells[(depth, 2)]}");
            Assert.True(cells[(depth, 2)].Median < 0.97, $"depth {depth}, width 2: {cells[(depth, 2)]}");
            Assert.Equal(1.0, cells[(depth, 3)].Median);
        }
    }

    private static readonly string[] Plan = ["--data", "rings", "--depths", "1..2", "--widths", "2,3,5", "--seeds", "2", "--points", "200", "--epochs", "60"];

    private static ProcessStartInfo Cli(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false }
            .With([typeof(WarpscopeApp).Assembly.Location, .. args]);
        // A test run inside a Slurm array or an indexed Job must not be taken for a shard of it.
        foreach (var name in new[] { "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "JOB_COMPLETION_INDEX" }) start.Environment.Remove(name);
        return start;
    }

    private static void AssertSameFiles(string expected, string actual)
    {
        var names = Directory.GetFiles(expected, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(expected, f)).Order().ToList();
        Assert.Equal(names, Directory.GetFiles(actual, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(actual, f)).Order());
        Assert.Contains("heatmap.png", names);
        Assert.Contains("thumbnails.png", names);
        foreach (var name in names)
            Assert.True(File.ReadAllBytes(Path.Combine(expected, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, name))), $"{name} differs");
    }

    [Fact]
    public async Task FourShards_AsSeparateProcesses_Merged_AreByteIdenticalToOneSweep()
    {
        var whole = Sweep("whole", Plan);
        var shards = Enumerable.Range(0, 4).Select(i => Path.Combine(_folder, $"shard{i}")).ToList();
        var processes = shards.Select((dir, i) => Process.Start(Cli(["sweep", .. Plan, "--shard", $"{i}/4", "--jobs", "1", "--out", dir]))!).ToList();
        foreach (var p in processes)
        {
            var stderr = p.StandardError.ReadToEndAsync();
            var stdout = await p.StandardOutput.ReadToEndAsync();
            await p.WaitForExitAsync();
            Assert.True(p.ExitCode == 0, await stderr);
            Assert.Contains("done", stdout);
            p.Dispose();
        }
        // Each shard holds its slice only: 12 runs dealt 3 to each.
        Assert.All(shards, s => Assert.Equal(3, Directory.GetFiles(Path.Combine(s, "runs")).Length));
        Assert.All(shards, s => Assert.False(File.Exists(Path.Combine(s, "heatmap.png"))));

        var merged = Path.Combine(_folder, "merged");
        var merge = CliRunner.Run(["sweep", "merge", .. shards, "--out", merged]);
        Assert.True(merge.ExitCode == 0, merge.Error);
        AssertSameFiles(whole, merged);

        // Three shards of four are not a sweep: the merge says how many runs are missing.
        var partial = CliRunner.Run(["sweep", "merge", .. shards[..3], "--out", Path.Combine(_folder, "partial")]);
        Assert.Equal(2, partial.ExitCode);
        Assert.Contains("3 of 12 runs are missing", partial.Error);
        Assert.Single(partial.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task AKilledSweep_Resumed_KeepsItsFinishedRuns_AndEndsWithTheSameFiles()
    {
        // Runs long enough (1500 points) that the kill lands between the 3rd and the last run even on a loaded CI machine
        // (at 600 points all 12 once finished before a starved poller saw the 3rd).
        string[] plan = ["--data", "spiral", "--depths", "2..3", "--widths", "8,16", "--seeds", "3", "--points", "1500", "--epochs", "300", "--jobs", "1"];
        var whole = Sweep("uninterrupted", plan);
        var killed = Path.Combine(_folder, "killed");
        var runs = Path.Combine(killed, "runs");
        using (var process = Process.Start(Cli(["sweep", .. plan, "--out", killed]))!)
        {
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            // Killed (SIGKILL: nothing runs after) once a few runs are written, before the last.
            var clock = Stopwatch.StartNew();
            while (!(Directory.Exists(runs) && Directory.GetFiles(runs, "*.json").Length >= 3) && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(1))
                await Task.Delay(5);
            process.Kill();
            await process.WaitForExitAsync();
        }
        var kept = Directory.GetFiles(runs, "*.json").Length;
        Assert.InRange(kept, 3, 11);
        Assert.False(File.Exists(Path.Combine(killed, "runs.json")));

        var resumed = CliRunner.Run(["sweep", .. plan, "--out", killed]);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains($"trained {12 - kept} runs", resumed.Out);
        Assert.Contains($"({kept} already finished, kept)", resumed.Out);
        foreach (var partial in Directory.GetFiles(killed, "*.partial", SearchOption.AllDirectories)) File.Delete(partial); // a killed writer's leftover
        AssertSameFiles(whole, killed);
    }

    [Theory]
    [InlineData("--shard", "4/4", "--shard: shard 4 of 4 (shards are numbered 0 to 3)")]
    [InlineData("--shard", "1-4", "--shard: '1-4' is not i/n (e.g. 0/4)")]
    [InlineData("--depths", "0..3", "--depths: '0' in '0..3' is not a whole number from 1 to 64")]
    [InlineData("--widths", "4..2", "--widths: the range '4..2' runs backwards")]
    [InlineData("--shards", "4", "--shards: no shard index (give --shard i/n, or run as a Slurm array task or an indexed Kubernetes Job)")]
    public void ABadSweepOption_IsOneLine_Exit2(string option, string value, string message)
    {
        var result = CliRunner.Run("sweep", option, value, "--out", Path.Combine(_folder, "bad"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"warpscope: {message}", result.Error.TrimEnd());
        Assert.False(Directory.Exists(Path.Combine(_folder, "bad")));
    }

    [Fact]
    public void AFolderOfAnotherSweep_IsRefused_NotOverwritten()
    {
        var folder = Sweep("first", ["--data", "curves", "--depths", "1", "--widths", "2", "--seeds", "1", "--epochs", "5", "--points", "50"]);
        var again = CliRunner.Run("sweep", "--data", "curves", "--depths", "1", "--widths", "2", "--seeds", "1", "--epochs", "6", "--points", "50", "--out", folder);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("holds a sweep with other settings", again.Error);
        Assert.Single(again.Error.TrimEnd().Split('\n'));
    }
}
