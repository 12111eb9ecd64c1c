using Warpscope.Core.Model;
using Warpscope.Core.Scenes;

namespace Warpscope.Tour;

/// <summary>One scene of the tour as it was run: its text, the figures it measured and the files it drew.</summary>
public sealed record TourSceneResult(
    int Number,
    string Id,
    string Title,
    string Caption,
    IReadOnlyList<KeyValuePair<string, double>> Figures,
    IReadOnlyList<TourNetworkResult> Networks,
    IReadOnlyList<TourFile> Files,
    IReadOnlyList<TourPanel> Panels);

/// <summary>A hidden-layer panel of the gallery (of a picture, or the last frame of an animation) and what it measured of itself.</summary>
public sealed record TourPanel(string File, string? Title, ViewStats Stats);

/// <summary>A trained network of a scene: what it is, what it was trained on, and how well it does.</summary>
public sealed record TourNetworkResult(string Id, string Network, string Dataset, int Seed, double TrainAccuracy, double TestAccuracy);

/// <summary>A picture or animation of the gallery, by its name in the gallery folder, with its alt text.</summary>
public sealed record TourFile(string Name, string Alt);
