using Failsafe.Cli;

return FailsafeCli.Run(args, Console.Out, Console.Error);
