using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Warpscope.Rendering.Tests;

/// <summary>The renderer is Scene → pixels plus the encoders (issue 15): it neither trains, nor holds sessions, nor runs the tour.</summary>
public class LayeringTests
{
    [Fact]
    public void Rendering_UsesNoTrainingNorSessions_AndHoldsNoTour()
    {
        var assembly = typeof(SceneRenderer).Assembly;
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var metadata = pe.GetMetadataReader();
        var used = metadata.TypeReferences.Select(h => metadata.GetString(metadata.GetTypeReference(h).Namespace)).Distinct().ToList();
        Assert.Contains("Warpscope.Core.Scenes", used); // not vacuous: the renderer draws Core's scenes
        Assert.DoesNotContain(used, n => n.StartsWith("Warpscope.Core.Training", StringComparison.Ordinal) || n.StartsWith("Warpscope.Core.Sessions", StringComparison.Ordinal));
        Assert.DoesNotContain(assembly.GetTypes(), t => t.Namespace?.Contains("Tour", StringComparison.Ordinal) == true);
    }
}
