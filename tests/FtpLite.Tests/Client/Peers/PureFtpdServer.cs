using System.Diagnostics;
using FtpLite.Client;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Peers;

/// <summary>
/// pure-ftpd (Debian's 1.0.50, from tests/peers/get-pure-ftpd.sh) on 127.0.0.1: the password account of
/// <see cref="PeerAccount"/> as a virtual user (PureDB) chrooted into a scratch root; with TLS, explicit FTPS required
/// (-Y 2) with the certificate as PEM files (-2 cert,key). It answers MLST of a folder with type=cdir/pdir.
/// </summary>
public sealed class PureFtpdServer : AccountPeer
{
    private PureFtpdServer(Launched launched, bool tls) : base(launched, tls)
    {
    }

    public override string Name => Tls ? "pure-ftpd FTPS" : "pure-ftpd";

    /// <summary>Starts it, or skips (fails, with FTPLITE_REQUIRE_PEERS=1) the calling test when it cannot run here.</summary>
    public static async Task<PureFtpdServer> StartAsync(CancellationToken cancellationToken, bool tls = false)
    {
        var binary = PeerBinary.Find("FTPLITE_PURE_FTPD", "pure-ftpd", "usr/sbin/pure-ftpd")
            ?? throw PeerRequirement.Missing("pure-ftpd is not installed (run tests/peers/get-pure-ftpd.sh)");
        var purePw = Path.Combine(PeerBinary.PackageRoot(binary), "usr", "bin", "pure-pw");
        if (!File.Exists(purePw)) throw PeerRequirement.Missing($"pure-pw is missing beside {binary} (run tests/peers/get-pure-ftpd.sh)");
        if (!PeerAccount.RunningAsRoot) throw PeerRequirement.Missing("pure-ftpd needs root: it chroots the account and switches to its user");

        // Its banner (a "fortune" from -F) carries the token.
        var launched = await LaunchAsync(async (root, state, token, port) =>
        {
            File.WriteAllText(Path.Combine(state, "banner"), token + "\n");
            var database = Path.Combine(state, "users.pdb");
            await MakeUserDatabaseAsync(purePw, root, state, database, cancellationToken);
            var passiveLow = Random.Shared.Next(20000, 31800);
            var start = new ProcessStartInfo(binary) { WorkingDirectory = state };
            // -E no anonymous, -H no DNS, -A chroot everyone, -u 1 any uid but root, -f none no syslog.
            foreach (var argument in new[]
                     {
                         "-S", $"127.0.0.1,{port}", "-l", "puredb:" + database, "-E", "-H", "-A", "-u", "1", "-f", "none",
                         "-p", $"{passiveLow}:{passiveLow + 200}", "-F", Path.Combine(state, "banner"),
                     })
                start.ArgumentList.Add(argument);
            if (tls)
            {
                var (certificate, key) = PeerTlsFiles.WritePem(state);
                foreach (var argument in new[] { "-Y", "2", "-2", certificate + "," + key }) start.ArgumentList.Add(argument);
            }
            var libraries = PeerBinary.LibraryPath(binary);
            if (libraries is not null) start.Environment["LD_LIBRARY_PATH"] = libraries;
            return await PeerProcess.StartAsync(start, port, portInOutput: null, greetingToken: token, cancellationToken);
        });
        return new PureFtpdServer(launched, tls);
    }

    /// <summary>The account as a passwd-style line, compiled by pure-pw into the database pure-ftpd reads.</summary>
    private static async Task MakeUserDatabaseAsync(string purePw, string root, string folder, string database, CancellationToken cancellationToken)
    {
        var passwd = Path.Combine(folder, "users.passwd");
        // "/./" ends the chroot part of the home folder: the login lands in the root, which it sees as "/".
        File.WriteAllText(passwd, $"{PeerAccount.UserName}:{PeerAccount.CryptHash}:{PeerAccount.Uid}:{PeerAccount.Gid}::{root}/./::::::::::::\n");
        var start = new ProcessStartInfo(purePw) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "mkdb", database, "-f", passwd }) start.ArgumentList.Add(argument);
        var libraries = PeerBinary.LibraryPath(purePw);
        if (libraries is not null) start.Environment["LD_LIBRARY_PATH"] = libraries;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start pure-pw.");
        var output = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"pure-pw mkdb failed with {process.ExitCode}: {await output}");
    }
}
