using System.Globalization;

namespace Warpscope.Core.Sweeps;

/// <summary>One network of a sweep: <see cref="Depth"/> hidden layers of <see cref="Width"/> units, trained from <see cref="Seed"/>.</summary>
public sealed record SweepRun(int Depth, int Width, int Seed)
{
    /// <summary>Its model file's name inside the sweep's runs/ folder.</summary>
    public string FileName => string.Create(CultureInfo.InvariantCulture, $"d{Depth}-w{Width}-s{Seed}.json");

    /// <summary>Roughly how much work training it is, relative to others on the same data: multiply-adds per sample.</summary>
    public long Cost => 2L * Width + (long)(Depth - 1) * Width * Width + 2L * Width + Depth * Width;
}
