using BenchmarkDotNet.Running;
using Warpscope.Benchmarks;

// --peer-round: one quick round of the side-by-side comparison (bench/peers/run), one JSON line.
if (args.Length > 0 && args[0] == "--peer-round") return PeerRound.Run(args[1..]);

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
