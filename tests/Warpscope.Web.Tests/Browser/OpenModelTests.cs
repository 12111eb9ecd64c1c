using System.Globalization;
using Microsoft.Playwright;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.ModelFiles;
using Warpscope.Core.Training;
using Warpscope.Core.Training.Optimizers;

namespace Warpscope.Web.Tests.Browser;

/// <summary>Issue 16 in the playground: "Open model" takes a Warpscope model (.json) or an ONNX file and shows its weights.</summary>
public sealed class OpenModelTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("warpscope-open-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Fixture(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "Warpscope.Onnx.Tests", "Fixtures", name);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException(name);
    }

    [Fact]
    public async Task OpeningAModel_ShowsItsSetupAndWeights_AndAnOnnxFileWithoutData()
    {
        // A model trained here on xor (4, 2 units): the page takes its setup and weights, at epoch 0, paused.
        var run = new TrainingSession(new TrainingJob(new DatasetSpec("xor", 400, 0.1), NetworkSpec.Uniform([4, 2], Activation.Tanh),
            new TrainingConfig(OptimizerKind.Adam, 0.03, 32, 200), 3));
        run.Run();
        var path = Path.Combine(_folder, "xor-net.json");
        ModelFile.Save(path, run.ToModel());
        var accuracy = run.TrainFigures.Accuracy;
        Assert.True(accuracy > 0.9, $"trained to {accuracy:P1}");

        var (page, problems) = await fixture.OpenAsync();
        await page.WaitForFunctionAsync("() => window.warpscope.frames > 0");
        await page.Locator("#model-file").SetInputFilesAsync(path);
        await page.WaitForFunctionAsync("() => window.warpscope.opened === 'xor-net.json'");
        // The frame after the model opened (the session is paused: it is the only one).
        await page.WaitForFunctionAsync("() => window.warpscope.frames > window.warpscope.openedAtFrame");
        Assert.Contains("data=xor&", await page.EvaluateAsync<string>("() => window.warpscope.state"));
        Assert.Contains("layers=4,2&", await page.EvaluateAsync<string>("() => window.warpscope.state"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.warpscope.lastFrame.epoch"));
        var shown = await page.EvaluateAsync<double>("() => window.warpscope.lastFrame.trainAccuracy");
        Assert.Equal(accuracy, shown, 3); // the model's own weights on the same points, not fresh ones
        Assert.Contains("xor-net.json", await page.Locator("#status").TextContentAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathOf("web/open-model-xor.png"), FullPage = true });

        // An ONNX file from PyTorch (moons, no data): its shape, no points, views drawn.
        await page.Locator("#model-file").SetInputFilesAsync(Fixture("moons.onnx"));
        await page.WaitForFunctionAsync("() => window.warpscope.opened === 'moons.onnx' || (document.querySelector('#status').textContent || '').includes('moons')");
        Assert.True(await page.EvaluateAsync<bool>("() => window.warpscope.opened === 'moons.onnx'"), await page.Locator("#status").TextContentAsync());
        await page.WaitForFunctionAsync("() => window.warpscope.frames > window.warpscope.openedAtFrame");
        Assert.Contains("data=custom", await page.EvaluateAsync<string>("() => window.warpscope.state"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.warpscope.lastFrame.views[0].points.length"));

        // A graph outside the subset: refused in one line naming the node's op, and the session goes on.
        var before = await page.EvaluateAsync<string>("() => window.warpscope.state");
        await page.Locator("#model-file").SetInputFilesAsync(Fixture("unsupported.onnx"));
        await page.WaitForFunctionAsync("() => (document.querySelector('#status').textContent || '').includes('Elu')");
        Assert.Equal(before, await page.EvaluateAsync<string>("() => window.warpscope.state"));
        Assert.Equal("moons.onnx", await page.EvaluateAsync<string>("() => window.warpscope.opened"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.Context.CloseAsync();
    }

    /// <summary>A model naming a data file it does not carry opens without points: the server reads no file on a model's say-so.</summary>
    [Fact]
    public async Task AModelNamingAFileOnTheServer_OpensWithoutItsPoints()
    {
        var csv = Path.Combine(_folder, "secret.csv");
        File.WriteAllLines(csv, ["x,y,label", .. Enumerable.Range(0, 40).Select(i => FormattableString.Invariant($"{i % 7},{i % 5},{(i % 2 == 0 ? "a" : "b")}"))]);
        var run = new TrainingSession(new TrainingJob(new DatasetSpec("xor", 200, 0.1), NetworkSpec.Uniform([3], Activation.Tanh), new TrainingConfig(Epochs: 5)));
        run.Run();
        var path = Path.Combine(_folder, "names-a-file.json");
        ModelFile.Save(path, run.ToModel() with { Dataset = new DatasetSpec(csv, 200, 0.1) });
        Assert.Contains(csv, File.ReadAllText(path)); // the model really names the file

        var (page, problems) = await fixture.OpenAsync();
        await page.WaitForFunctionAsync("() => window.warpscope.frames > 0");
        await page.Locator("#model-file").SetInputFilesAsync(path);
        await page.WaitForFunctionAsync("() => window.warpscope.opened === 'names-a-file.json'");
        await page.WaitForFunctionAsync("() => window.warpscope.frames > window.warpscope.openedAtFrame");
        Assert.Contains("data=custom", await page.EvaluateAsync<string>("() => window.warpscope.state"));
        Assert.DoesNotMatch("pts=[^&]", await page.EvaluateAsync<string>("() => window.warpscope.state")); // no points in the link either
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.warpscope.lastFrame.views[0].points.length"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await page.Context.CloseAsync();
    }
}
