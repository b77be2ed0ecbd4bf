using System.Diagnostics;
using FtpLite.Client;
using FtpLite.Tests.Support;

namespace FtpLite.Tests.Client.Peers;

/// <summary>
/// vsftpd run standalone (listen=YES, background=NO) as the launching user, anonymous with write access, in a temp folder.
/// Found at FTPLITE_VSFTPD, in the cache tests/peers/get-vsftpd.sh fills, or at /usr/sbin/vsftpd.
/// Without chroot (which needs root and a privilege drop), its paths are the real ones: tests use relative paths.
/// </summary>
public sealed class VsftpdServer : IFtpPeer
{
    private readonly PeerProcess _process;
    private readonly TempFolder _root;
    private readonly TempFolder _state;

    private VsftpdServer(PeerProcess process, TempFolder root, TempFolder state, VsftpdTls? tls)
    {
        _process = process;
        _root = root;
        _state = state;
        Tls = tls;
    }

    /// <summary>The TLS setup it runs with, or null for plain FTP.</summary>
    public VsftpdTls? Tls { get; }

    /// <summary>Its log (protocol lines and, with TLS, debug_ssl lines such as "SSL version: …, reused").</summary>
    public string Log => File.Exists(LogPath) ? ReadShared(LogPath) : string.Empty;

    private string LogPath => Path.Combine(_state.Path, "vsftpd.log");

    public string Name => "vsftpd";
    public string Root => _root.Path;
    public int Port => _process.Port;

    /// <summary>
    /// Plain: anonymous on 127.0.0.1. TLS: the same address, the certificate's name as TlsServerName (.NET resumes
    /// sessions only under a host name) and its thumbprint pinned (it is self-signed).
    /// </summary>
    public FtpClientOptions ClientOptions()
    {
        var options = new FtpClientOptions("127.0.0.1", Port);
        if (Tls is null) return options;
        options.Encryption = Tls.Implicit ? FtpEncryption.Implicit : FtpEncryption.Explicit;
        options.TlsServerName = Tls.ServerName;
        options.CertificateThumbprint = FtpLite.Tls.CertificateFiles.Sha256Thumbprint(Tls.Certificate);
        return options;
    }

    /// <summary>Starts vsftpd; with <paramref name="tls"/>, as an FTPS server that insists on TLS and on session reuse.</summary>
    public static async Task<VsftpdServer> StartAsync(CancellationToken cancellationToken, VsftpdTls? tls = null)
    {
        var binary = PeerBinary.Find("FTPLITE_VSFTPD", "vsftpd", "usr/sbin/vsftpd") ?? throw PeerRequirement.Missing("vsftpd is not installed (run tests/peers/get-vsftpd.sh)");
        // vsftpd cannot bind port 0 and report it, so a free port is chosen for it; a unique banner proves that
        // what answers there is this vsftpd, and a lost race for the port is simply retried.
        for (var attempt = 1; ; attempt++)
        {
            var root = new TempFolder();
            var state = new TempFolder();
            try
            {
                var port = PeerProcess.FreeFixedPort();
                var token = "ftplite-peer-" + Guid.NewGuid().ToString("N");
                var empty = Path.Combine(state.Path, "empty");
                Directory.CreateDirectory(empty);
                var config = Path.Combine(state.Path, "vsftpd.conf");
                var text = Config(port, root.Path, empty, token);
                if (tls is not null) text += tls.Config(state.Path);
                File.WriteAllText(config, text);
                var start = new ProcessStartInfo(binary) { WorkingDirectory = state.Path };
                start.ArgumentList.Add(config);
                var libraries = PeerBinary.LibraryPath(binary);
                if (libraries is not null) start.Environment["LD_LIBRARY_PATH"] = libraries;
                var process = await PeerProcess.StartAsync(start, port, portInOutput: null, greetingToken: tls?.Implicit == true ? null : token, cancellationToken);
                return new VsftpdServer(process, root, state, tls);
            }
            catch (Exception e) when (e is PortTakenException || (attempt < 3 && e is InvalidOperationException))
            {
                root.Dispose();
                state.Dispose();
                if (attempt >= 3) throw;
            }
            catch
            {
                root.Dispose();
                state.Dispose();
                throw;
            }
        }
    }

    private static string Config(int port, string root, string emptyDirectory, string banner)
    {
        // Passive ports also below the ephemeral range, apart from the control ports (10000-19999).
        var passiveLow = Random.Shared.Next(20000, 31800);
        return string.Join("\n", new[]
        {
            "listen=YES",
            "listen_ipv6=NO",
            "listen_address=127.0.0.1",
            $"listen_port={port}",
            "background=NO",
            "seccomp_sandbox=NO",
            "run_as_launching_user=YES",
            "ftp_username=nobody",
            $"secure_chroot_dir={emptyDirectory}",
            "anonymous_enable=YES",
            "no_anon_password=YES",
            $"anon_root={root}",
            "anon_world_readable_only=NO",
            "write_enable=YES",
            "anon_upload_enable=YES",
            "anon_mkdir_write_enable=YES",
            "anon_other_write_enable=YES",
            "anon_umask=022",
            "local_enable=NO",
            "pasv_enable=YES",
            $"pasv_min_port={passiveLow}",
            $"pasv_max_port={passiveLow + 200}",
            "connect_from_port_20=NO",
            "xferlog_enable=NO",
            "dirmessage_enable=NO",
            $"ftpd_banner={banner}",
            "",
        });
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }

    public ValueTask DisposeAsync()
    {
        _process.Dispose();
        _root.Dispose();
        _state.Dispose();
        return default;
    }
}
