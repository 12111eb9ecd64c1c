using BenchmarkDotNet.Attributes;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Scenes;
using Warpscope.Core.Training;
using Warpscope.Rendering;

namespace Warpscope.Benchmarks;

/// <summary>
/// Issue #3's pictures end to end (geometry + drawing + encoding) for a 2-16-16-16-2 tanh network
/// trained on the 1000-point spiral: a 512² input view (field at one sample per plot pixel, boundary, 1000 points), a 512² view
/// of hidden layer 3 (42 grid lines, carried field, points), and a 120-frame 480² morph GIF; and a 512²
/// view of the 2-unit last layer of the playground's default 16-16-2 network.
/// </summary>
[MemoryDiagnoser]
public class ViewBenchmarks
{
    private TrainingSession _run = null!;
    private TrainingSession _narrow = null!;
    private SceneRenderer _renderer = null!;
    private string _gif = "";

    [GlobalSetup]
    public void Setup()
    {
        _run = new TrainingSession(new TrainingJob(new DatasetSpec("spiral", 1000, 0.1), NetworkSpec.Uniform([16, 16, 16], Activation.Tanh), new TrainingConfig(Epochs: 200)));
        _run.Run();
        _narrow = new TrainingSession(new TrainingJob(new DatasetSpec("spiral", 1000, 0.1), NetworkSpec.Uniform([16, 16, 2], Activation.Tanh), new TrainingConfig(Epochs: 400)));
        _narrow.Run();
        _renderer = new SceneRenderer();
        _gif = Path.Combine(Path.GetTempPath(), $"warpscope-bench-{Environment.ProcessId}.gif");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _renderer.Dispose();
        File.Delete(_gif);
    }

    [Benchmark(Description = "512² input view PNG")]
    public int InputViewPng()
    {
        var scene = SceneFactory.Input(_run.Network, _run.Dataset.ClassNames, _run.Dataset, _run.Dataset.Domain, new ViewOptions { FieldResolution = ScenePainter.PlotPixels(512, 512) });
        return _renderer.Png([scene], 512, 512).Length;
    }

    [Benchmark(Description = "512² input scene only (field, contours)")]
    public int InputScene() =>
        SceneFactory.Input(_run.Network, _run.Dataset.ClassNames, _run.Dataset, _run.Dataset.Domain, new ViewOptions { FieldResolution = ScenePainter.PlotPixels(512, 512) }).Lines.Count;

    [Benchmark(Description = "512² hidden scene only (grid, cells)")]
    public int HiddenScene() =>
        SceneFactory.Hidden(_run.Network, _run.Dataset.ClassNames, _run.Dataset, _run.Dataset.Domain, new ViewOptions { Layer = 3 }).Lines.Count;

    [Benchmark(Description = "512² hidden scene, grid only")]
    public int HiddenGridOnly() =>
        SceneFactory.Hidden(_run.Network, _run.Dataset.ClassNames, _run.Dataset, _run.Dataset.Domain, new ViewOptions { Layer = 3, CarriedCells = 0 }).Lines.Count;

    [Benchmark(Description = "512² hidden view PNG")]
    public int HiddenViewPng()
    {
        var scene = SceneFactory.Hidden(_run.Network, _run.Dataset.ClassNames, _run.Dataset, _run.Dataset.Domain, new ViewOptions { Layer = 3 });
        return _renderer.Png([scene], 512, 512).Length;
    }

    /// <summary>The playground's default network (16-16-2), its 2-unit last layer saturated (issue 12): the sheet whole, coloured exactly.</summary>
    [Benchmark(Description = "512² 2-unit last layer view PNG (16-16-2)")]
    public int LastLayerViewPng()
    {
        var scene = SceneFactory.Hidden(_narrow.Network, _narrow.Dataset.ClassNames, _narrow.Dataset, _narrow.Dataset.Domain,
            new ViewOptions { Layer = 3, ShowGrid = false, FieldResolution = ScenePainter.PlotPixels(512, 512) });
        return _renderer.Png([scene], 512, 512).Length;
    }

    [Benchmark(Description = "120-frame 480² morph GIF")]
    public void MorphGif()
    {
        var morph = new MorphSequence(_run.Network, _run.Dataset.ClassNames, _run.Dataset, _run.Dataset.Domain, new ViewOptions());
        AnimationExport.Write(_gif, 480, 480, 30, 120, i => [morph.At(i / 119.0 * morph.Layers)]);
    }
}
