namespace Warpscope.Core.Diagnostics;

/// <summary>
/// What hidden layer <see cref="Layer"/> (from 1) can do to the space it gets: its width, the rank of
/// its weights W: [Units][Inputs], for a square W the sign and size of det W (negative: the layer
/// mirrors; near 0: it flattens), and for a ReLU layer its folds — units whose z = 0 line crosses the
/// data's rectangle, each creasing the plane there (null for activations that do not fold).
/// </summary>
public sealed record LayerTopology(int Layer, int Inputs, int Units, int Rank, double? Determinant, int? Folds);
