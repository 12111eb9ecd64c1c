using System.Reflection;
using Warpscope.Core.Model;

namespace Warpscope.Core.Tests;

public class ArchitectureTests
{
    [Fact]
    public void Core_ReferencesNoGraphicsOnnxCliOrWebAssembly()
    {
        var references = typeof(Network).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();
        string[] forbidden = ["SkiaSharp", "OnnxSharp", "Google.Protobuf", "Warpscope.Onnx", "System.CommandLine", "Spectre", "Microsoft.AspNetCore", "Warpscope.Rendering", "Warpscope.Cli", "Warpscope.Web", "warpscope"];
        Assert.DoesNotContain(references, r => forbidden.Any(f => r.StartsWith(f, StringComparison.OrdinalIgnoreCase)));
        Assert.Contains("System.Numerics.Tensors", references);
    }

    [Fact]
    public void Core_HasNoMutableStaticFields()
    {
        var offenders = typeof(Network).Assembly.GetTypes()
            .Where(t => !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)))
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(f => !f.IsInitOnly && !f.IsLiteral && !f.Name.Contains('<'))
            .Select(f => $"{f.DeclaringType}.{f.Name}")
            .ToArray();
        Assert.Empty(offenders);
    }
}
