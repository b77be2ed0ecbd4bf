using FtpLite.Cli.Client;
using FtpLite.Cli.CommandLine;
using FtpLite.Cli.Interactive;
using FtpLite.Cli.Interactive.Commands;
using FtpLite.Client;

namespace FtpLite.Cli.Commands;

/// <summary>"ftplite connect HOST": an interactive session at an "ftp>" prompt.</summary>
public sealed class ConnectCommand : ICommand
{
    public string Name => "connect";

    public string Summary => "Open an interactive session (ftp> prompt) with a server.";

    public string Usage => "[options] HOST";

    public IReadOnlyList<OptionSpec> Options => ClientOptionsReader.WithoutHostOption;

    public string Details =>
        "At the ftp> prompt: put, get, ls, cd, pwd, mkdir, rm, rename, lcd, help, quit. A command typed without\n" +
        "its file name asks for it: '(local-file) '. Errors are one line on stderr and the session goes on;\n" +
        "quit or end of input (Ctrl+D) ends it. The password is asked for without echo when --user is given\n" +
        $"and {ClientOptionsReader.PasswordVariable} is not set (from a pipe: the first line of input).\n" +
        "Exit codes: 0 session ended, 2 bad command line, 3 cannot connect or connection lost, 4 login refused.";

    public async Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        if (arguments.Positionals.Count == 0) throw new UsageException("say which server: ftplite connect HOST");
        if (arguments.Positionals.Count > 1) throw new UsageException($"unexpected argument '{arguments.Positionals[1]}'");
        var options = ClientOptionsReader.Read(arguments, context, arguments.Positionals[0]);
        var warning = ClientOptionsReader.InsecureWarning(options);
        if (warning is not null) context.Error.WriteLine(warning);

        FtpClient client;
        try
        {
            using var interruption = new Interruption();
            client = await FtpClient.ConnectAsync(options, interruption.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine($"{CliApplication.ToolName}: interrupted");
            return Interruption.ExitCode;
        }
        catch (Exception e) when (ClientFailure.IsExpected(e))
        {
            context.Error.WriteLine($"{CliApplication.ToolName}: {ClientFailure.Describe(e)}");
            return ClientFailure.ExitCodeOfConnect(e);
        }

        using (client)
        {
            context.Output.WriteLine(ClientFailure.OneLine($"Connected to {options.Host} port {options.Port}{Security(client)}: {client.Greeting.Code} {client.Greeting.Message}"));
            context.Output.WriteLine($"Logged in as {options.UserName}. Type 'help' for the commands, 'quit' to leave.");
            var session = new InteractiveSession(client, context, ShellCommands);
            var code = await session.RunAsync().ConfigureAwait(false);
            await client.DisconnectAsync().ConfigureAwait(false);
            return code;
        }
    }

    private static IReadOnlyList<ShellCommand> ShellCommands { get; } = new ShellCommand[]
    {
        new PutShellCommand(),
        new GetShellCommand(),
        new LsShellCommand(),
        new CdShellCommand(),
        new PwdShellCommand(),
        new MkdirShellCommand(),
        new RmShellCommand(),
        new RenameShellCommand(),
        new LcdShellCommand(),
        new HelpShellCommand(),
        new QuitShellCommand(),
    };

    private static string Security(FtpClient client) =>
        client.IsEncrypted ? (client.IsDataProtected ? " over TLS (data too)" : " over TLS (control only)") : "";
}
