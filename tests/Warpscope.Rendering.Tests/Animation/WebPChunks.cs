using System.Buffers.Binary;
using System.Text;

namespace Warpscope.Rendering.Tests.Animation;

/// <summary>
/// The RIFF structure of an animated WebP. Debian 12's ffmpeg (5.1) cannot decode animated WebP,
/// so ffprobe reports 0 frames; the container itself says how many frames, what canvas, what loop.
/// </summary>
internal sealed record WebPChunks(int CanvasWidth, int CanvasHeight, int LoopCount, int FrameCount)
{
    public static WebPChunks Read(byte[] file)
    {
        Assert.Equal("RIFF", Encoding.ASCII.GetString(file, 0, 4));
        Assert.Equal("WEBP", Encoding.ASCII.GetString(file, 8, 4));
        int width = 0, height = 0, loop = -1, frames = 0;
        for (var at = 12; at + 8 <= file.Length;)
        {
            var type = Encoding.ASCII.GetString(file, at, 4);
            var size = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 4));
            var body = file.AsSpan(at + 8, size);
            switch (type)
            {
                case "VP8X":
                    width = 1 + (body[4] | body[5] << 8 | body[6] << 16);
                    height = 1 + (body[7] | body[8] << 8 | body[9] << 16);
                    break;
                case "ANIM":
                    loop = BinaryPrimitives.ReadUInt16LittleEndian(body[4..]);
                    break;
                case "ANMF":
                    frames++;
                    break;
            }
            at += 8 + size + (size & 1);
        }
        return new WebPChunks(width, height, loop, frames);
    }
}
