using Warpscope.Cli;

return WarpscopeApp.Run(args, Console.Out, Console.Error);
