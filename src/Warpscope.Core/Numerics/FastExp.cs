using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Warpscope.Core.Numerics;

/// <summary>
/// eˣ for x ≤ 0 (the softmax's z − max), in float: x = k·ln 2 + r with |r| ≤ ½ln 2 (ln 2 split in
/// two parts so r is exact), e^r by Cephes' degree-6 minimax polynomial, then 2ᵏ put into the
/// exponent bits. Within 2 float ulps of eˣ (tested); 0 below −87, where eˣ is subnormal or 0.
/// Vector256.Exp widens to double and costs several times more, and a 2-class output takes one
/// exponential per sample and class in every training step.
/// </summary>
internal static class FastExp
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    private const float Lowest = -87f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> OfNonPositive(Vector256<float> x)
    {
        var tooSmall = Vector256.LessThan(x, Vector256.Create(Lowest));
        x = Vector256.Max(x, Vector256.Create(Lowest));
        var k = Vector256.Round(x * Vector256.Create(Log2E));
        var r = Simd.MultiplyAdd(k, Vector256.Create(-Ln2High), x);
        r = Simd.MultiplyAdd(k, Vector256.Create(-Ln2Low), r);
        var p = Simd.MultiplyAdd(Vector256.Create(1.9875691500e-4f), r, Vector256.Create(1.3981999507e-3f));
        p = Simd.MultiplyAdd(p, r, Vector256.Create(8.3334519073e-3f));
        p = Simd.MultiplyAdd(p, r, Vector256.Create(4.1665795894e-2f));
        p = Simd.MultiplyAdd(p, r, Vector256.Create(1.6666665459e-1f));
        p = Simd.MultiplyAdd(p, r, Vector256.Create(5.0000001201e-1f));
        var e = Simd.MultiplyAdd(p, r * r, r) + Vector256<float>.One;
        var scale = (Vector256.ConvertToInt32(k) + Vector256.Create(127)) << 23;
        return Vector256.AndNot(e * scale.AsSingle(), tooSmall);
    }
}
