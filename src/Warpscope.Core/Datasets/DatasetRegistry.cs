using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Warpscope.Core.Datasets.Generators;

namespace Warpscope.Core.Datasets;

/// <summary>Every built-in dataset generator, looked up by name (case-insensitive).</summary>
public static class DatasetRegistry
{
    /// <summary>The generators in the order help texts list them: the Playground's four, then the other classification sets (the 3-D tori last of them), then the Playground's two regression sets.</summary>
    public static IReadOnlyList<IDatasetGenerator> All { get; } =
    [
        new CircleGenerator(),
        new XorGenerator(),
        new GaussGenerator(),
        new SpiralGenerator(),
        new CurvesGenerator(),
        new RingsGenerator(),
        new MoonsGenerator(),
        new ToriGenerator(),
        new PlaneGenerator(),
        new MultiGaussGenerator(),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(g => g.Name)];

    private static readonly FrozenDictionary<string, IDatasetGenerator> ByName =
        All.ToFrozenDictionary(g => g.Name, StringComparer.OrdinalIgnoreCase);

    public static bool TryGet(string name, [NotNullWhen(true)] out IDatasetGenerator? generator) =>
        ByName.TryGetValue(name, out generator);

    public static IDatasetGenerator Get(string name) =>
        TryGet(name, out var generator)
            ? generator
            : throw new UserInputException($"unknown dataset '{name}'; choose one of {string.Join(", ", Names)}");
}
