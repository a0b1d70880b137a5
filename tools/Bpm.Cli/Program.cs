return await Bpm.Cli.CliApp.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
