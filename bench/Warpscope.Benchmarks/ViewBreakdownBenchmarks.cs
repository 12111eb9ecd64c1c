using BenchmarkDotNet.Attributes;
using SkiaSharp;
using Warpscope.Core.Datasets;
using Warpscope.Core.Model;
using Warpscope.Core.Numerics;
using Warpscope.Core.Representations;
using Warpscope.Core.Scenes;
using Warpscope.Core.Training;
using Warpscope.Rendering;

namespace Warpscope.Benchmarks;

/// <summary>
/// Where the 512² input view's time goes (issue #6): the field alone, its boundary, drawing with and
/// without field and points, and the PNG encoder alone. Same network as <see cref="ViewBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class ViewBreakdownBenchmarks
{
    private TrainingSession _run = null!;
    private SceneRenderer _renderer = null!;
    private Scene _scene = null!;
    private SKBitmap _bitmap = null!;
    private Lattice _lattice = null!;
    private ForwardPass _pass = null!;

    [GlobalSetup]
    public void Setup()
    {
        _run = new TrainingSession(new TrainingJob(new DatasetSpec("spiral", 1000, 0.1), NetworkSpec.Uniform([16, 16, 16], Activation.Tanh), new TrainingConfig(Epochs: 200)));
        _run.Run();
        _renderer = new SceneRenderer();
        var resolution = ScenePainter.PlotPixels(512, 512);
        _scene = SceneFactory.Input(_run.Network, _run.Dataset.ClassNames, _run.Dataset, _run.Dataset.Domain, new ViewOptions { FieldResolution = resolution });
        _bitmap = _renderer.Bitmap([_scene], 512, 512);
        _lattice = Lattice.Square(_run.Dataset.Domain, resolution);
        _pass = new ForwardPass(_run.Network);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bitmap.Dispose();
        _renderer.Dispose();
    }

    [Benchmark(Description = "field only, every sample (plot lattice)")]
    public int Field() => DecisionField.Compute(_run.Network, _lattice, _pass).Classes;

    [Benchmark(Description = "field only, refined (plot lattice)")]
    public int FieldRefined() => DecisionField.ComputeRefined(_run.Network, _lattice, _pass).Classes;

    [Benchmark(Description = "boundaries only")]
    public int Boundaries() => SceneFactory.Boundaries(_scene.Field!).Count;

    [Benchmark(Description = "draw full scene")]
    public void DrawAll() => _renderer.Draw(_bitmap, [_scene]);

    [Benchmark(Description = "draw without field")]
    public void DrawNoField() => _renderer.Draw(_bitmap, [_scene with { Field = null }]);

    [Benchmark(Description = "draw without points")]
    public void DrawNoPoints() => _renderer.Draw(_bitmap, [_scene with { Points = [] }]);

    [Benchmark(Description = "draw frame only (no field, lines, points)")]
    public void DrawFrame() => _renderer.Draw(_bitmap, [_scene with { Field = null, Points = [], Lines = [] }]);

    [Benchmark(Description = "PNG encode only")]
    public int Encode() => SceneRenderer.EncodePng(_bitmap).Length;
}
