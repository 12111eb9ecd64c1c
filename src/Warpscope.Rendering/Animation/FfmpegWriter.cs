using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Warpscope.Core;
using Warpscope.Core.IO;

namespace Warpscope.Rendering.Animation;

/// <summary>
/// MP4, WebM or animated WebP through ffmpeg, fed raw RGBA frames on its standard input. ffmpeg
/// writes a temporary file beside the target, renamed over it on <see cref="Finish"/>; a failure
/// or a dispose before Finish leaves nothing behind. ffmpeg is found at construction
/// (<c>WARPSCOPE_FFMPEG</c>, else PATH); when it is missing the constructor throws
/// <see cref="UserInputException"/>.
/// </summary>
public sealed class FfmpegWriter : IAnimationWriter
{
    private const int StderrLinesKept = 20;

    private readonly string _path;
    private readonly PendingFile _file;
    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly Queue<string> _stderr = new();
    private bool _closed;

    public FfmpegWriter(string path, FfmpegFormat format, int width, int height, double fps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if ((long)width * height * 4 > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(height), height, $"A {width}×{height} RGBA frame does not fit in one array.");
        if (!(double.IsFinite(fps) && fps > 0)) throw new ArgumentOutOfRangeException(nameof(fps), fps, "Frame rate must be positive.");
        var ffmpeg = FfmpegLocator.Find(out var problem)
            ?? throw new UserInputException($"{path}: {Describe(format)} needs ffmpeg, {problem}; .gif needs nothing");

        _path = path;
        Width = width;
        Height = height;
        _file = new PendingFile(path);
        var start = new ProcessStartInfo(ffmpeg)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in Arguments(format, width, height, fps, _file.TempPath)) start.ArgumentList.Add(argument);
        _process = new Process { StartInfo = start };
        _process.ErrorDataReceived += (_, e) => KeepStderr(e.Data);
        try
        {
            _process.Start();
        }
        catch (Win32Exception e)
        {
            _process.Dispose();
            _file.Dispose();
            throw new IOException($"{path}: could not start ffmpeg '{ffmpeg}': {e.Message}", e);
        }
        _process.BeginErrorReadLine();
        _stdin = _process.StandardInput.BaseStream;
    }

    public int Width { get; }

    public int Height { get; }

    public void AddFrame(ReadOnlySpan<byte> rgba, int repeat = 1)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (rgba.Length != Width * Height * 4)
            throw new ArgumentException($"A {Width}×{Height} RGBA frame is {Width * Height * 4} bytes; got {rgba.Length}.", nameof(rgba));
        ArgumentOutOfRangeException.ThrowIfLessThan(repeat, 1);
        try
        {
            // Video is constant frame rate: a held frame is sent again, which codecs store almost free.
            for (var i = 0; i < repeat; i++) _stdin.Write(rgba);
        }
        catch (IOException)
        {
            throw Failure();
        }
    }

    public void Finish()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        try
        {
            _stdin.Dispose();
        }
        catch (IOException)
        {
            throw Failure();
        }
        // Without a timeout this also waits for the last stderr lines to be read.
        _process.WaitForExit();
        if (_process.ExitCode != 0) throw Failure();
        _file.Commit();
        _closed = true;
    }

    public void Dispose()
    {
        _closed = true;
        if (!HasExited()) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        try
        {
            _stdin.Dispose();
        }
        catch (IOException)
        {
            // The pipe is already broken because ffmpeg is gone; nothing is left to flush.
        }
        _process.Dispose();
        _file.Dispose();
    }

    private static IEnumerable<string> Arguments(FfmpegFormat format, int width, int height, double fps, string output)
    {
        string[] input =
        [
            "-hide_banner", "-loglevel", "error",
            "-f", "rawvideo", "-pix_fmt", "rgba", "-s", $"{width}x{height}",
            "-r", fps.ToString("R", CultureInfo.InvariantCulture), "-i", "pipe:0",
        ];
        string[] encode = format switch
        {
            // yuv420p (what every player decodes) halves chroma, so H.264 needs even sides: pad
            // with one row/column rather than refuse odd sizes.
            FfmpegFormat.Mp4 =>
            [
                "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264", "-tune", "animation", "-crf", "20",
                "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-f", "mp4",
            ],
            FfmpegFormat.WebM =>
            [
                "-c:v", "libvpx-vp9", "-pix_fmt", "yuv420p", "-crf", "32", "-b:v", "0",
                "-deadline", "good", "-cpu-used", "4", "-row-mt", "1", "-f", "webm",
            ],
            FfmpegFormat.WebP => ["-c:v", "libwebp_anim", "-lossless", "1", "-loop", "0", "-f", "webp"],
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown ffmpeg format."),
        };
        return [.. input, .. encode, "-y", output];
    }

    private static string Describe(FfmpegFormat format) => format switch
    {
        FfmpegFormat.Mp4 => "MP4",
        FfmpegFormat.WebM => "WebM",
        FfmpegFormat.WebP => "animated WebP",
        _ => format.ToString(),
    };

    private void KeepStderr(string? line)
    {
        if (string.IsNullOrWhiteSpace(line)) return;
        lock (_stderr)
        {
            _stderr.Enqueue(line.Trim());
            if (_stderr.Count > StderrLinesKept) _stderr.Dequeue();
        }
    }

    private bool HasExited()
    {
        try
        {
            return _process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    // ffmpeg's last stderr line is its reason ("Unknown encoder 'libx264'", "No space left on device").
    private IOException Failure()
    {
        _process.WaitForExit();
        string last;
        lock (_stderr) last = _stderr.Count > 0 ? _stderr.Last() : "no message on stderr";
        return new IOException($"{_path}: ffmpeg failed (exit code {_process.ExitCode}): {last}");
    }
}
