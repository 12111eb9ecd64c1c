using System.Reflection;
using System.Text.RegularExpressions;
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

    /// <summary>
    /// Core's namespaces in layers, lowest first (issue 15): the shapes (Model), the engine (Numerics: kernels,
    /// forward pass, loss gradient), training (and the trained model it hands back), model files, then what is
    /// built on a trained network. A namespace may use only the ones before it, so there is no cycle and the
    /// folders show the layers. Read from the source: every <c>using</c> or qualified name of a Warpscope.Core
    /// namespace in each file, against the file's own namespace (sub-namespaces count as their parent's).
    /// </summary>
    private static readonly string[] Layers =
        ["IO", "Datasets", "Model", "Numerics", "Training", "ModelFiles", "Representations", "Diagnostics", "Predictions", "Scenes", "Sessions", "Sweeps"];

    [Fact]
    public void CoreNamespaces_UseOnlyTheLayersBelowThem()
    {
        var root = Path.Combine(RepositoryRoot(), "src", "Warpscope.Core");
        var edges = new SortedSet<string>();
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")))
        {
            var text = File.ReadAllText(file);
            var own = Regex.Match(text, @"^namespace Warpscope\.Core\.?(\w*)", RegexOptions.Multiline).Groups[1].Value;
            if (own.Length == 0) continue; // Warpscope.Core itself (errors shared by every layer)
            var rank = Array.IndexOf(Layers, own);
            if (rank < 0) problems.Add($"{Path.GetFileName(file)}: namespace Warpscope.Core.{own} has no place in the layers");
            var body = Regex.Replace(text, @"^namespace .*$", "", RegexOptions.Multiline);
            foreach (var used in Regex.Matches(body, @"Warpscope\.Core\.(\w+)").Select(m => m.Groups[1].Value).Distinct())
            {
                if (used == own) continue;
                edges.Add($"{own} -> {used}");
                if (Array.IndexOf(Layers, used) >= rank) problems.Add($"{Path.GetRelativePath(root, file)}: {own} uses {used}, a layer at or above its own");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // Not vacuous: the engine sits on the shapes, training on the engine, files on training.
        Assert.Contains("Numerics -> Model", edges);
        Assert.Contains("Training -> Numerics", edges);
        Assert.Contains("ModelFiles -> Training", edges);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Warpscope.slnx"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (Warpscope.slnx) is not above the test's folder");
    }
}
