using System.Diagnostics;
using FtpLite.Client;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Peers;

/// <summary>
/// ProFTPD (Debian's 1.3.8, from tests/peers/get-proftpd.sh) standalone in the foreground on 127.0.0.1: the password
/// account of <see cref="PeerAccount"/> from its own AuthUserFile, chrooted into a scratch root (DefaultRoot ~). With
/// TLS, mod_tls (a loadable module in Debian's build) requires explicit FTPS and, by its default, that every data
/// connection resumes the control connection's TLS session.
/// </summary>
public sealed class ProFtpdServer : AccountPeer
{
    private ProFtpdServer(Launched launched, bool tls) : base(launched, tls)
    {
    }

    public override string Name => Tls ? "ProFTPD FTPS" : "ProFTPD";

    /// <summary>mod_tls's log: one line per handshake, and why a data connection was refused.</summary>
    public string TlsLog
    {
        get
        {
            var path = Path.Combine(State.Path, "tls.log");
            if (!File.Exists(path)) return string.Empty;
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return new StreamReader(stream).ReadToEnd();
        }
    }

    /// <summary>Starts it, or skips (fails, with FTPLITE_REQUIRE_PEERS=1) the calling test when it cannot run here.</summary>
    public static async Task<ProFtpdServer> StartAsync(CancellationToken cancellationToken, bool tls = false)
    {
        var binary = PeerBinary.Find("FTPLITE_PROFTPD", "proftpd", "usr/sbin/proftpd")
            ?? throw PeerRequirement.Missing("ProFTPD is not installed (run tests/peers/get-proftpd.sh)");
        var modules = Path.Combine(PeerBinary.PackageRoot(binary), "usr", "lib", "proftpd");
        if (tls && !File.Exists(Path.Combine(modules, "mod_tls.so")))
            throw PeerRequirement.Missing($"ProFTPD's mod_tls.so is missing from {modules} (run tests/peers/get-proftpd.sh)");
        if (!PeerAccount.RunningAsRoot) throw PeerRequirement.Missing("ProFTPD needs root: it chroots the account and switches to its user");

        // ServerIdent puts the token in its greeting.
        var launched = await LaunchAsync(async (root, state, token, port) =>
        {
            var config = Path.Combine(state, "proftpd.conf");
            var text = Config(port, root, state, token);
            if (tls) text += TlsConfig(modules, state);
            File.WriteAllText(config, text);
            var start = new ProcessStartInfo(binary) { WorkingDirectory = state };
            foreach (var argument in new[] { "-n", "-q", "-c", config }) start.ArgumentList.Add(argument);
            var libraries = PeerBinary.LibraryPath(binary);
            if (libraries is not null) start.Environment["LD_LIBRARY_PATH"] = libraries;
            return await PeerProcess.StartAsync(start, port, portInOutput: null, greetingToken: token, cancellationToken);
        });
        return new ProFtpdServer(launched, tls);
    }

    private static string Config(int port, string root, string state, string banner)
    {
        // Its own user and group files (mode 600: ProFTPD refuses files others can read), so no system account is needed.
        var users = Path.Combine(state, "users.passwd");
        var groups = Path.Combine(state, "users.group");
        File.WriteAllText(users, $"{PeerAccount.UserName}:{PeerAccount.CryptHash}:{PeerAccount.Uid}:{PeerAccount.Gid}::{root}:/bin/false\n");
        File.WriteAllText(groups, $"nogroup:x:{PeerAccount.Gid}:\n");
        PeerAccount.CloseToOthers(users);
        PeerAccount.CloseToOthers(groups);
        var passiveLow = Random.Shared.Next(20000, 31800);
        return string.Join("\n", new[]
        {
            "ServerName \"ftplite-peer\"",
            $"ServerIdent on \"{banner}\"",
            "ServerType standalone",
            "DefaultServer on",
            $"Port {port}",
            "DefaultAddress 127.0.0.1",
            "SocketBindTight on",
            "UseIPv6 off",
            $"PidFile {state}/proftpd.pid",
            $"ScoreboardFile {state}/proftpd.scoreboard",
            // mod_delay pads each login to a learned time (against user probing); it only slows the tests.
            "DelayTable none",
            "DelayEngine off",
            "WtmpLog off",
            "UseReverseDNS off",
            $"SystemLog {state}/system.log",
            "TransferLog none",
            "User nobody",
            "Group nogroup",
            "AuthPAM off",
            "AuthOrder mod_auth_file.c",
            $"AuthUserFile {users}",
            $"AuthGroupFile {groups}",
            "RequireValidShell off",
            "DefaultRoot ~",
            "AllowOverwrite on",
            "AllowStoreRestart on",
            "AllowRetrieveRestart on",
            $"PassivePorts {passiveLow} {passiveLow + 200}",
            "",
        });
    }

    private static string TlsConfig(string modules, string state)
    {
        var (certificate, key) = PeerTlsFiles.WritePem(state);
        return string.Join("\n", new[]
        {
            $"ModulePath {modules}",
            "LoadModule mod_tls.c",
            "TLSEngine on",
            "TLSRequired on",
            $"TLSRSACertificateFile {certificate}",
            $"TLSRSACertificateKeyFile {key}",
            "TLSProtocol TLSv1.2 TLSv1.3",
            "TLSVerifyClient off",
            $"TLSLog {state}/tls.log",
            "",
        });
    }
}
