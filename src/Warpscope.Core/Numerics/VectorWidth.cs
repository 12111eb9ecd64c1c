using System.Runtime.Intrinsics;

namespace Warpscope.Core.Numerics;

/// <summary>
/// The SIMD width the block kernels run at: <see cref="Float512"/> where the CPU has AVX-512, else
/// <see cref="Float256"/>. Chosen once per engine object (<see cref="MlpBlock"/>), never per call;
/// tests pass a width to run every path on a machine that has both. Results agree to float
/// rounding across widths, not bit for bit (a weight gradient's lane sums run over 16 lanes or 8).
/// </summary>
internal enum VectorWidth
{
    Bits256,
    Bits512,
}

internal static class VectorWidths
{
    /// <summary>The widest width the hardware accelerates (<c>DOTNET_EnableAVX512=0</c> turns 512 off; .NET 10 ignores the older <c>DOTNET_EnableAVX512F</c>).</summary>
    public static VectorWidth Widest => Vector512.IsHardwareAccelerated ? VectorWidth.Bits512 : VectorWidth.Bits256;

    /// <summary>Lanes of one vector at this width.</summary>
    public static int Lanes(this VectorWidth width) => width == VectorWidth.Bits512 ? Float512.Count : Float256.Count;
}
