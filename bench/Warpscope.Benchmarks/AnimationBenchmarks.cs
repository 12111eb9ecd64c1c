using BenchmarkDotNet.Attributes;
using Warpscope.Rendering.Animation;
using Warpscope.Workloads;

namespace Warpscope.Benchmarks;

/// <summary>
/// GIF encoding of a 120-frame 480×480 morph of typical content: white plot, two flat class
/// regions whose boundary moves, an anti-aliased warped grid and data points (over 256 colours
/// per frame, so the median-cut path runs). Frames are drawn once in setup; only encoding is timed.
/// </summary>
[MemoryDiagnoser]
public class AnimationBenchmarks
{
    private const int Side = 480;
    private const int FrameCount = 120;
    private readonly List<byte[]> _frames = [];
    private readonly MemoryStream _output = new();

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < FrameCount; i++) _frames.Add(DrawFrame(i));
        Console.WriteLine($"// GIF size: {EncodeGif()} bytes for {FrameCount} frames of {Side}²");
    }

    [Benchmark(Description = "GIF, 120 frames of 480² at 30 fps")]
    public long EncodeGif()
    {
        _output.SetLength(0);
        using var writer = new GifWriter(_output, Side, Side, 30);
        foreach (var frame in _frames) writer.AddFrame(frame);
        writer.Finish();
        return _output.Length;
    }

    private static byte[] DrawFrame(int frame) => TypicalFrame.Draw(Side, Side, (double)frame / (FrameCount - 1));
}
