using Warpscope.Core;

namespace Warpscope.Rendering.Animation;

/// <summary>Opens the animation writer a file name asks for: .gif needs nothing, .mp4, .webm and .webp need ffmpeg.</summary>
public static class AnimationFile
{
    /// <summary>A writer for <paramref name="path"/> by its extension; the file appears, whole, on Finish.</summary>
    /// <exception cref="UserInputException">unknown extension, a frame rate the format cannot play, or ffmpeg missing.</exception>
    public static IAnimationWriter Create(string path, int width, int height, double fps)
    {
        var extension = Path.GetExtension(path);
        if (!(double.IsFinite(fps) && fps > 0)) throw new UserInputException($"{path}: frame rate must be a positive number; got {fps}");
        return extension.ToLowerInvariant() switch
        {
            ".gif" when fps > GifWriter.MaxFps => throw new UserInputException(
                $"{path}: GIF plays at most {GifWriter.MaxFps} fps (delays are whole centiseconds); got {fps}, use .mp4 or .webm for more"),
            ".gif" => new GifFileWriter(path, width, height, fps),
            ".mp4" => new FfmpegWriter(path, FfmpegFormat.Mp4, width, height, fps),
            ".webm" => new FfmpegWriter(path, FfmpegFormat.WebM, width, height, fps),
            ".webp" => new FfmpegWriter(path, FfmpegFormat.WebP, width, height, fps),
            "" => throw new UserInputException($"{path}: no extension to tell the animation format (use .gif, .mp4, .webm or .webp)"),
            _ => throw new UserInputException($"{path}: unknown animation format '{extension}' (use .gif, .mp4, .webm or .webp)"),
        };
    }

    /// <summary>Whether .mp4, .webm and .webp can be written: ffmpeg found via WARPSCOPE_FFMPEG or PATH.</summary>
    public static bool IsFfmpegAvailable() => FfmpegLocator.Find(out _) is not null;
}
