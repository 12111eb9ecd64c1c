using Warpscope.Rendering.Animation;

namespace Warpscope.Rendering.Tests.Animation;

public class GifWriterTests
{
    [Fact]
    public void FewColours_EveryFrameDecodesToItsInputExactly_InOrder()
    {
        const int width = 64, height = 48, count = 12;
        var frames = Enumerable.Range(0, count).Select(i => TestFrames.MovingBar(width, height, i)).ToList();

        var gif = DecodedGif.Decode(Encode("moving-bar.gif", width, height, 12, frames));

        Assert.Equal((width, height), (gif.Width, gif.Height));
        Assert.Equal(count, gif.Frames.Count);
        for (var i = 0; i < count; i++) Assert.True(frames[i].AsSpan().SequenceEqual(gif.Frames[i].Rgba), $"frame {i} differs");
    }

    [Fact]
    public void Delays_At30Fps_Are3_3_4_Repeating_AndSumToTheDuration()
    {
        var frames = Enumerable.Range(0, 30).Select(i => TestFrames.MovingBar(32, 8, i)).ToList();

        var gif = DecodedGif.Decode(Encode("delays-30fps.gif", 32, 8, 30, frames));

        Assert.Equal([3, 3, 4, 3, 3, 4], gif.Frames.Take(6).Select(f => f.Delay));
        Assert.Equal(100, gif.TotalDelay);
    }

    [Theory]
    [InlineData(24, 7)]
    [InlineData(29.97, 50)]
    [InlineData(7, 3)]
    [InlineData(50, 9)]
    public void Delays_SumToFramesOverFps_WithinOneCentisecond(double fps, int count)
    {
        var frames = Enumerable.Range(0, count).Select(i => TestFrames.MovingBar(32, 8, i)).ToList();

        var gif = DecodedGif.Decode(Encode($"delays-{fps}fps.gif", 32, 8, fps, frames));

        Assert.Equal(count, gif.Frames.Count);
        Assert.InRange(gif.TotalDelay, 100 * count / fps - 1, 100 * count / fps);
        Assert.All(gif.Frames, f => Assert.InRange(f.Delay, Math.Floor(100 / fps), Math.Ceiling(100 / fps)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void LoopCount_IsTheNetscapeRepeatCount(int loopCount)
    {
        using var stream = new MemoryStream();
        using (var writer = new GifWriter(stream, 8, 8, 10, loopCount))
        {
            writer.AddFrame(TestFrames.MovingBar(8, 8, 0));
            writer.AddFrame(TestFrames.MovingBar(8, 8, 1));
            writer.Finish();
        }

        Assert.Equal(loopCount, DecodedGif.Decode(stream.ToArray()).RepeatCount);
    }

    [Fact]
    public void HeldFrame_IsOneFrameWithTheLongerDelay()
    {
        var a = TestFrames.MovingBar(40, 10, 0);
        var b = TestFrames.MovingBar(40, 10, 1);
        var c = TestFrames.MovingBar(40, 10, 2);
        using var stream = new MemoryStream();
        using (var writer = new GifWriter(stream, 40, 10, 25))
        {
            writer.AddFrame(a, repeat: 10);
            writer.AddFrame(b);
            writer.AddFrame(c, repeat: 5);
            writer.Finish();
        }

        AnimationArtifacts.Save("held-frames.gif", stream.ToArray());
        var gif = DecodedGif.Decode(stream.ToArray());

        Assert.Equal([40, 4, 20], gif.Frames.Select(f => f.Delay));
        Assert.Equal(a, gif.Frames[0].Rgba);
        Assert.Equal(b, gif.Frames[1].Rgba);
        Assert.Equal(c, gif.Frames[2].Rgba);
    }

    [Fact]
    public void RepeatedIdenticalFrames_MergeIntoOneFrame()
    {
        var a = TestFrames.MovingBar(40, 10, 0);
        var b = TestFrames.MovingBar(40, 10, 1);

        var gif = DecodedGif.Decode(Encode("identical-frames.gif", 40, 10, 10, [a, a, a, b, b]));

        Assert.Equal([30, 20], gif.Frames.Select(f => f.Delay));
        Assert.Equal(a, gif.Frames[0].Rgba);
        Assert.Equal(b, gif.Frames[1].Rgba);
    }

    [Fact]
    public void HoldBeyondTheDelayField_ContinuesInvisibly_AndKeepsTheDuration()
    {
        var a = TestFrames.MovingBar(16, 4, 0);
        var b = TestFrames.MovingBar(16, 4, 1);
        using var stream = new MemoryStream();
        using (var writer = new GifWriter(stream, 16, 4, 50))
        {
            writer.AddFrame(a, repeat: 40_000); // 800 s; one delay field holds 655.35 s
            writer.AddFrame(b);
            writer.Finish();
        }

        var gif = DecodedGif.Decode(stream.ToArray());

        Assert.Equal([65535, 80_000 - 65535, 2], gif.Frames.Select(f => f.Delay));
        Assert.Equal(a, gif.Frames[0].Rgba);
        Assert.Equal(a, gif.Frames[1].Rgba);
        Assert.Equal(b, gif.Frames[2].Rgba);
    }

    [Fact]
    public void SameFrames_GiveIdenticalBytes()
    {
        var frames = Enumerable.Range(0, 6).Select(i => TestFrames.Typical(160, 120, i, 6))
            .Append(TestFrames.GradientWithNoise(160, 120, seed: 3))
            .ToList();

        var first = Encode("determinism.gif", 160, 120, 20, frames);
        var second = Encode("determinism.gif", 160, 120, 20, frames);

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 7)]
    [InlineData(481, 479)]
    public void OddSizes_RoundTripExactly(int width, int height)
    {
        var frames = Enumerable.Range(0, 4).Select(i => TestFrames.MovingBar(width, height, i)).ToList();

        var gif = DecodedGif.Decode(Encode($"odd-{width}x{height}.gif", width, height, 10, frames));

        Assert.Equal((width, height), (gif.Width, gif.Height));
        var expected = frames.Where((f, i) => i == 0 || !f.AsSpan().SequenceEqual(frames[i - 1])).ToList();
        Assert.Equal(expected.Count, gif.Frames.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], gif.Frames[i].Rgba);
    }

    [Fact]
    public void SingleFrame_RoundTrips()
    {
        var frame = TestFrames.MovingBar(20, 10, 5);

        var gif = DecodedGif.Decode(Encode("single-frame.gif", 20, 10, 10, [frame]));

        Assert.Equal(frame, Assert.Single(gif.Frames).Rgba);
        Assert.Equal(10, gif.Frames[0].Delay);
    }

    [Theory]
    [InlineData(2, 300, 300)]
    [InlineData(200, 481, 479)]
    public void RandomIndices_ManyClearCodes_RoundTripExactly(int colours, int width, int height)
    {
        // Noise defeats LZW, so the table fills and clears every few thousand pixels at 12-bit codes.
        var random = new Random(colours);
        var palette = Enumerable.Range(0, colours).Select(_ => (R: (byte)random.Next(256), G: (byte)random.Next(256), B: (byte)random.Next(256))).ToArray();
        var frames = new List<byte[]>();
        for (var f = 0; f < 2; f++)
        {
            var rgba = new byte[width * height * 4];
            for (var i = 0; i < rgba.Length; i += 4)
            {
                var (r, g, b) = palette[random.Next(colours)];
                (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = (r, g, b, 255);
            }
            frames.Add(rgba);
        }

        var gif = DecodedGif.Decode(Encode($"noise-{colours}-colours.gif", width, height, 10, frames));

        Assert.Equal(frames[0], gif.Frames[0].Rgba);
        Assert.Equal(frames[1], gif.Frames[1].Rgba);
    }

    [Fact]
    public void FrameOfWrongLength_IsRefused_NamingTheExpectedSize()
    {
        using var writer = new GifWriter(new MemoryStream(), 10, 10, 10);

        var error = Assert.Throws<ArgumentException>(() => writer.AddFrame(new byte[399]));

        Assert.Contains("400 bytes; got 399", error.Message);
    }

    [Fact]
    public void Finish_WithoutFrames_Throws()
    {
        using var writer = new GifWriter(new MemoryStream(), 10, 10, 10);

        Assert.Throws<InvalidOperationException>(writer.Finish);
    }

    [Fact]
    public void FpsAbove50_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GifWriter(new MemoryStream(), 10, 10, 60));
    }

    internal static byte[] Encode(string artifactName, int width, int height, double fps, IEnumerable<byte[]> frames)
    {
        using var stream = new MemoryStream();
        using (var writer = new GifWriter(stream, width, height, fps))
        {
            foreach (var frame in frames) writer.AddFrame(frame);
            writer.Finish();
        }
        var bytes = stream.ToArray();
        AnimationArtifacts.Save(artifactName, bytes);
        return bytes;
    }
}
