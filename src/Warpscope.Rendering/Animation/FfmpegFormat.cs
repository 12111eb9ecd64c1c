namespace Warpscope.Rendering.Animation;

/// <summary>The containers <see cref="FfmpegWriter"/> writes.</summary>
public enum FfmpegFormat
{
    /// <summary>H.264 in MP4, yuv420p, moov atom first (+faststart) so browsers start playing at once.</summary>
    Mp4,

    /// <summary>VP9 in WebM, constant quality.</summary>
    WebM,

    /// <summary>Animated WebP, lossless (flat colours and thin lines stay crisp), looping forever.</summary>
    WebP,
}
