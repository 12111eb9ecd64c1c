using BenchmarkDotNet.Running;
using Warpscope.Benchmarks;

// --peer-round: one quick round of the side-by-side comparison (bench/peers/run), one JSON line.
if (args.Length > 0 && args[0] == "--peer-round") return PeerRound.Run(args[1..]);

// --widths: the engine's 256- and 512-bit kernels timed in alternation in one process.
if (args.Length > 0 && args[0] == "--widths") return WidthRound.Run(args[1..]);

// --fma-peak: one core's float32 FMA peak at 256 and 512 bits, GFLOP/s.
if (args.Length > 0 && args[0] == "--fma-peak")
{
    Console.WriteLine($"fma256 {FmaPeak.Of256(7):F1} GFLOP/s, fma512 {FmaPeak.Of512(7):F1} GFLOP/s");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
