using FtpLite.Cli;
using FtpLite.Cli.Commands;

// Thin on purpose: the verbs live in Commands/, the parsing in CommandLine/.
ClientThreadPool.Configure(args);
return await CliApplication.CreateDefault().RunAsync(args, CommandContext.FromConsole());
