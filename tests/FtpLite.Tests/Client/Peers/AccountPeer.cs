using FtpLite.Client;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Peers;

/// <summary>
/// What the stock servers that log in with <see cref="PeerAccount"/> share: a process on a free fixed port (they cannot
/// bind port 0 and report it), a scratch root the account is chrooted into, a state folder for their configuration and
/// logs, and a greeting token proving that what answers on the port is this server; a lost race for the port is retried.
/// </summary>
public abstract class AccountPeer : IFtpPeer
{
    private readonly PeerProcess _process;
    private readonly TempFolder _root;

    private protected AccountPeer(Launched launched, bool tls)
    {
        (_process, _root, State) = launched;
        Tls = tls;
    }

    /// <summary>A started server with its root and state folders.</summary>
    internal readonly record struct Launched(PeerProcess Process, TempFolder Root, TempFolder State);

    public abstract string Name { get; }
    public bool Tls { get; }
    public string Root => _root.Path;
    public int Port => _process.Port;
    protected TempFolder State { get; }

    public FtpClientOptions ClientOptions()
    {
        var options = new FtpClientOptions("127.0.0.1", Port) { UserName = PeerAccount.UserName, Password = PeerAccount.Password };
        if (Tls) PeerTlsFiles.Apply(options);
        return options;
    }

    /// <summary>
    /// Runs <paramref name="start"/> (root, state, greeting token, port) with fresh folders and a free port, up to three
    /// times when the port was taken meanwhile or the server did not come up there.
    /// </summary>
    private protected static async Task<Launched> LaunchAsync(Func<string, string, string, int, Task<PeerProcess>> start)
    {
        for (var attempt = 1; ; attempt++)
        {
            var root = new TempFolder();
            var state = new TempFolder();
            try
            {
                PeerAccount.OpenToEveryone(root.Path);
                var token = "ftplite-peer-" + Guid.NewGuid().ToString("N");
                var process = await start(root.Path, state.Path, token, PeerProcess.FreeFixedPort());
                return new Launched(process, root, state);
            }
            catch (Exception e) when (attempt < 3 && e is PortTakenException or InvalidOperationException)
            {
                root.Dispose();
                state.Dispose();
            }
            catch
            {
                root.Dispose();
                state.Dispose();
                throw;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        _root.Dispose();
        State.Dispose();
        return default;
    }
}
