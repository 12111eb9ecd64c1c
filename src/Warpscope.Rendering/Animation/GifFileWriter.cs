using Warpscope.Core.IO;

namespace Warpscope.Rendering.Animation;

/// <summary>A <see cref="GifWriter"/> on a <see cref="PendingFile"/>: the file appears on Finish, whole.</summary>
internal sealed class GifFileWriter : IAnimationWriter
{
    private readonly PendingFile _file;
    private readonly FileStream _stream;
    private readonly GifWriter _gif;

    public GifFileWriter(string path, int width, int height, double fps)
    {
        _file = new PendingFile(path);
        try
        {
            _stream = _file.Open(1 << 16);
            _gif = new GifWriter(_stream, width, height, fps);
        }
        catch
        {
            _stream?.Dispose();
            _file.Dispose();
            throw;
        }
    }

    public int Width => _gif.Width;

    public int Height => _gif.Height;

    public void AddFrame(ReadOnlySpan<byte> rgba, int repeat = 1) => _gif.AddFrame(rgba, repeat);

    public void Finish()
    {
        _gif.Finish();
        _stream.Dispose();
        _file.Commit();
    }

    public void Dispose()
    {
        _gif.Dispose();
        _stream.Dispose();
        _file.Dispose();
    }
}
