using FtpLite.Cli.CommandLine;
using FtpLite.Cli.Commands;
using FtpLite.Client;

namespace FtpLite.Cli.Client;

/// <summary>Connects and logs in for a one-shot verb, runs it, says goodbye; a failed connect or login is one line and its own exit code.</summary>
internal static class ClientRunner
{
    public static async Task<int> RunAsync(FtpClientOptions options, CommandContext context, Func<FtpClient, CancellationToken, Task<int>> body)
    {
        var warning = ClientOptionsReader.InsecureWarning(options);
        if (warning is not null) context.Error.WriteLine(warning);

        using var interruption = new Interruption();
        FtpClient client;
        try
        {
            client = await FtpClient.ConnectAsync(options, interruption.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (interruption.Requested)
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
            int code;
            try
            {
                code = await body(client, interruption.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (interruption.Requested)
            {
                context.Error.WriteLine($"{CliApplication.ToolName}: interrupted");
                return Interruption.ExitCode;
            }
            await client.DisconnectAsync(CancellationToken.None).ConfigureAwait(false);
            return code;
        }
    }

    /// <summary>
    /// Runs one item of a multi-item verb; a failure is reported as one line and becomes the returned exit code, so the
    /// verb can go on with the next item. A lost connection is not survivable: it is rethrown by the caller's check.
    /// </summary>
    /// <summary>
    /// Runs <paramref name="item"/> for each path over one connection: a failure is reported and the next path tried;
    /// the exit code is the first failure's. Stops early only when the connection itself is gone.
    /// </summary>
    public static Task<int> RunEachAsync(FtpClientOptions options, CommandContext context, IReadOnlyList<string> paths,
        Func<FtpClient, string, CancellationToken, Task> item) =>
        RunAsync(options, context, async (client, cancel) =>
        {
            var exitCode = ExitCodes.Success;
            for (var i = 0; i < paths.Count && client.IsConnected; i++)
            {
                var path = paths[i];
                var code = await RunItemAsync(context, transfer: false, () => item(client, path, cancel)).ConfigureAwait(false);
                if (exitCode == ExitCodes.Success) exitCode = code;
            }
            return exitCode;
        });

    public static async Task<int> RunItemAsync(CommandContext context, bool transfer, Func<Task> item)
    {
        try
        {
            await item().ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception e) when (ClientFailure.IsExpected(e))
        {
            context.Error.WriteLine($"{CliApplication.ToolName}: {ClientFailure.Describe(e)}");
            return ClientFailure.ExitCodeOf(e, transfer);
        }
    }
}
