namespace Warpscope.Rendering.Tests.Animation;

/// <summary>
/// Tests that read or set WARPSCOPE_FFMPEG. The environment is process-wide, so they run one at a
/// time and apart from the rest: a test pointing it at a missing file must not break another's ffmpeg.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FfmpegEnvironmentCollection
{
    public const string Name = "ffmpeg environment";
}
