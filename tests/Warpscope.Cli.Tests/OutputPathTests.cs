using System.Diagnostics;
using System.Text.Json;
using Warpscope.Core.IO;
using Warpscope.Core.Model;
using Warpscope.Core.ModelFiles;

namespace Warpscope.Cli.Tests;

/// <summary>
/// Where --out points (issue 13): only a regular file is ever replaced; a device or FIFO is written
/// through, a symlink's target is replaced, and a path that cannot be written is refused before training.
/// Devices and FIFOs are made here, in a temporary folder (never /dev's own: replacing those breaks the machine).
/// </summary>
public sealed class OutputPathTests : IDisposable
{
    private static readonly string[] Quick = ["train", "--points", "40", "--layers", "2", "--epochs", "3"];
    private readonly string _folder = Directory.CreateTempSubdirectory("warpscope-out-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void Sh(string command, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(command) { ArgumentList = { }, UseShellExecute = false, RedirectStandardError = true }.With(args))!;
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{command} {string.Join(' ', args)}: {p.StandardError.ReadToEnd()}");
    }

    [Fact]
    public void ACharacterDevice_IsWrittenThrough_NeverReplaced()
    {
        // The same devices as /dev/null (1, 3) and /dev/full (1, 7), made in our own folder.
        var sink = Path.Combine(_folder, "null");
        var full = Path.Combine(_folder, "full");
        Sh("mknod", sink, "c", "1", "3");
        Sh("mknod", full, "c", "1", "7");

        var ok = CliRunner.Run([.. Quick, "--out", sink]);
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal(FileKind.Special, FileKinds.Of(sink));

        var refused = CliRunner.Run([.. Quick, "--out", full]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("No space left on device", refused.Error);
        Assert.Single(refused.Error.TrimEnd().Split('\n'));
        Assert.Equal(FileKind.Special, FileKinds.Of(full));
        Assert.Equal(["full", "null"], Directory.GetFileSystemEntries(_folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task AFifo_FeedsItsReader_TheWholeModel_AndStaysAFifo()
    {
        var fifo = Path.Combine(_folder, "model.fifo");
        Sh("mkfifo", fifo);
        var reader = Task.Run(() => File.ReadAllBytes(fifo));
        var result = CliRunner.Run([.. Quick, "--out", fifo]);
        Assert.Equal(0, result.ExitCode);
        var bytes = await reader.WaitAsync(TimeSpan.FromSeconds(30));
        var model = ModelFile.Parse(bytes, "fifo");
        Assert.Equal([2], model.Network.Spec.Hidden);
        Assert.Equal(FileKind.Special, FileKinds.Of(fifo));
    }

    [Fact]
    public async Task OutToStdout_ThroughAPipe_PassesTheModelOn()
    {
        // /dev/stdout is a link to /proc/self/fd/1, here a pipe: written through, nothing made beside it.
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false }
            .With([typeof(WarpscopeApp).Assembly.Location, .. Quick, "--json", "--out", "/dev/stdout"]);
        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, stderr);
        var lines = stdout.TrimEnd().Split('\n');
        Assert.Equal(3, JsonDocument.Parse(lines[^1]).RootElement.GetProperty("epochs").GetInt32());
        var model = ModelFile.Parse(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines[..^1])), "stdout");
        Assert.Equal([2], model.Network.Spec.Hidden);
    }

    [Fact]
    public void ASymlink_IsFollowed_ItsTargetReplaced_TheLinkKept()
    {
        var target = Path.Combine(_folder, "real.json");
        var link = Path.Combine(_folder, "link.json");
        File.WriteAllText(target, "old");
        File.CreateSymbolicLink(link, "real.json");
        Assert.Equal(0, CliRunner.Run([.. Quick, "--out", link]).ExitCode);
        Assert.Equal("real.json", new FileInfo(link).LinkTarget);
        Assert.Equal([2], ModelFile.Load(target).Network.Spec.Hidden);
        Assert.Equal(["link.json", "real.json"], Directory.GetFileSystemEntries(_folder).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("missing/x.json", "does not exist")]
    [InlineData(".", "is a folder")]
    [InlineData(" ", "the output path is empty")]
    public void AnUnwritableOut_IsRefusedBeforeTheFirstStep(string relative, string says)
    {
        var path = relative == " " ? " " : Path.Combine(_folder, relative);
        // Long enough that training to the end would show: the refusal comes before any epoch.
        var result = CliRunner.Run("train", "--points", "2000", "--epochs", "100000", "--out", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(says, result.Error);
        Assert.DoesNotContain("epoch", result.Out);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("render")]
    [InlineData("animate")]
    public void RenderAndAnimate_CheckTheirOutBeforeDrawing(string command)
    {
        var model = Path.Combine(_folder, "m.json");
        Assert.Equal(0, CliRunner.Run([.. Quick, "--out", model]).ExitCode);
        var result = CliRunner.Run(command, model, "--out", Path.Combine(_folder, "no", "such", "folder.png"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Error);
    }

    [Fact]
    public async Task KilledAtRandomMoments_TwentyTimes_LeavesTheOldModelOrAWholeNewOne()
    {
        var model = Path.Combine(_folder, "m.json");
        Assert.Equal(0, CliRunner.Run([.. Quick, "--out", model]).ExitCode);
        var old = await File.ReadAllBytesAsync(model);
        var cli = typeof(WarpscopeApp).Assembly.Location;
        var random = new Random(20);
        int kept = 0, replaced = 0;
        for (var i = 0; i < 20; i++)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false }
                .With([cli, "train", "--points", "1000", "--layers", "8", "--epochs", "40", "--seed", $"{i + 2}", "--out", model]);
            using var process = Process.Start(start)!;
            _ = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            await Task.Delay(random.Next(50, 1200));
            process.Kill(); // SIGKILL: no handler runs
            await process.WaitForExitAsync();
            var now = await File.ReadAllBytesAsync(model);
            if (now.AsSpan().SequenceEqual(old)) kept++;
            else
            {
                var loaded = ModelFile.Parse(now, model); // whole: it parses, every weight in place
                Assert.Equal([8], loaded.Network.Spec.Hidden);
                replaced++;
                old = now;
            }
        }
        Assert.Equal(20, kept + replaced);
        // The killed writers' temporary files are swept by the next writer of the same file.
        Assert.Equal(0, CliRunner.Run([.. Quick, "--out", model]).ExitCode);
        Assert.Empty(Directory.GetFiles(_folder, ".m.json.*.partial"));
    }

    [Fact]
    public void ALeftoverOfALiveWriter_OrOfAnUnknownOne_IsKept_AndADeadOnesIsSwept()
    {
        var model = Path.Combine(_folder, "s.json");
        var dead = Path.Combine(_folder, $".s.json.{int.MaxValue - 7}-0123.partial"); // no such process
        var live = Path.Combine(_folder, $".s.json.{Environment.ProcessId}-4567.partial");
        var unknown = Path.Combine(_folder, ".s.json.someone.partial");
        var other = Path.Combine(_folder, $".t.json.{int.MaxValue - 7}-89ab.partial");
        foreach (var f in new[] { dead, live, unknown, other }) File.WriteAllText(f, "half");
        Assert.Equal(0, CliRunner.Run([.. Quick, "--out", model]).ExitCode);
        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(unknown));
        Assert.True(File.Exists(other));
    }

    [Fact]
    public async Task CtrlC_StopsAfterTheStep_SavesTheWeights_SaysSo_AndExits130()
    {
        var model = Path.Combine(_folder, "interrupted.json");
        var cli = typeof(WarpscopeApp).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false }
            .With([cli, "train", "--points", "2000", "--epochs", "10000000", "--out", model]);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        // The first progress line (about 2 s in) shows it trains, its Ctrl-C handler in place: then press Ctrl-C once.
        using var wait = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var first = await process.StandardOutput.ReadLineAsync(wait.Token);
        Assert.StartsWith("epoch", first);
        var stdout = process.StandardOutput.ReadToEndAsync();
        Sh("kill", "-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var minute = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(minute.Token);
        Assert.Equal(130, process.ExitCode);
        var said = await stderr;
        Assert.Contains("interrupted", said);
        Assert.Contains("saved", said);
        var saved = ModelFile.Load(model);
        Assert.InRange(saved.Metrics!.Epochs, 1, 9_999_999);
        Assert.True(saved.Metrics.TrainAccuracy > 0.5);
        Assert.DoesNotContain("Exception", await stdout + said);
    }
}

internal static class ProcessStartInfoExtensions
{
    public static ProcessStartInfo With(this ProcessStartInfo start, IEnumerable<string> args)
    {
        foreach (var a in args) start.ArgumentList.Add(a);
        return start;
    }
}
