using BenchmarkDotNet.Attributes;
using Warpscope.Core.Model;
using Warpscope.Core.Scenes;
using Warpscope.Core.Sessions;
using Warpscope.Core.Training;
using Warpscope.Web;

namespace Warpscope.Benchmarks;

/// <summary>
/// One live frame of <c>warpscope serve</c> with the default state (spiral, 1000 points, 2-16-16-2-2
/// tanh, trained 100 epochs): training one epoch, the two scenes, and the encoded frame. A page gets
/// 30 frames per second from one core when epoch + frame stay under 33 ms.
/// </summary>
[MemoryDiagnoser]
public class LiveBenchmarks
{
    private readonly WebLimits _limits = new();
    private TrainingSession _session = null!;
    private PlaygroundState _state = null!;
    private LiveFrameBuilder _builder = null!;

    [GlobalSetup]
    public void Setup()
    {
        _state = PlaygroundState.Parse("", _limits);
        _session = _state.Setup.Start();
        _session.TrainEpochs(100);
        _builder = new LiveFrameBuilder(_limits);
    }

    [Benchmark]
    public bool TrainOneEpoch() => _session.TrainEpochs(1);

    [Benchmark]
    public Scene InputScene() =>
        SceneFactory.Input(_session.Network, _session.Dataset.ClassNames, _session.Dataset, _session.Dataset.Domain, _state.InputView(_limits.FieldResolution));

    [Benchmark]
    public Scene LayerScene() =>
        SceneFactory.Hidden(_session.Network, _session.Dataset.ClassNames, _session.Dataset, _session.Dataset.Domain, _state.LayerView(_limits.FieldResolution, _limits.CarriedCells, _limits.Grid));

    [Benchmark]
    public int WholeFrame() => _builder.Build(_session, _state, 1, FrameFlags.Playing, null, null).Length;
}
