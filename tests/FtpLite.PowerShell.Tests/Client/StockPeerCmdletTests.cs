using System.Management.Automation;
using System.Security;
using FtpLite.Client;
using FtpLite.PowerShell.Tests.Support;
using FtpLite.Tests.Client.Peers;

namespace FtpLite.PowerShell.Tests.Client;

/// <summary>
/// A user's session with the cmdlets against each stock server, plain and over explicit FTPS: list the login folder,
/// make nested folders, upload into them, list and download byte-exact, rename, remove recursively. One PowerShell
/// session per server, as a script would run it. Paths are under the login folder: vsftpd runs without chroot, so its
/// login folder is the scratch root's real path; the others chroot into it and call it "/".
/// </summary>
// With the other tests that resume TLS sessions under "localhost": .NET keeps one session per name, process-wide.
[Collection("TLS sessions under localhost")]
public class StockPeerCmdletTests
{
    public static TheoryData<string> Peers => StockPeers.All;

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task ListMkdirPutGetRenameRemove_AgainstEachStockServer(string name)
    {
        await using var peer = await StockPeers.StartAsync(name, TestContext.Current.CancellationToken);
        using var local = new TempFolder();
        var options = peer.ClientOptions();
        string home;
        using (var probe = await FtpClient.ConnectAsync(options, TestContext.Current.CancellationToken))
            home = probe.WorkingDirectory;
        var seed = Path.Combine(peer.Root, "seed.txt");
        File.WriteAllText(seed, "seeded");
        var content = new byte[300_000];
        new Random(17).NextBytes(content);
        File.WriteAllBytes(Path.Combine(local.Path, "up.bin"), content);
        using var session = PowerShellSession.Start();
        session.Run("$ExecutionContext.SessionState.Path.SetLocation($args[0]) | Out-Null", local.Path);
        Connect(session, options);
        var deep = Join(home, "a/b c/d");

        var listed = session.Run("Get-FtpLiteListing $args[0]", home);
        var made = session.Run("New-FtpLiteDirectory $args[0]", deep);
        var madeOnDisk = Directory.Exists(Path.Combine(peer.Root, "a", "b c", "d"));
        var sent = session.Run("Send-FtpLiteFile up.bin -Destination $args[0] -PassThru", deep);
        var inside = session.Run("Get-FtpLiteListing $args[0]", deep);
        var received = session.Run("Receive-FtpLiteFile $args[0] -Destination ./got", Join(deep, "up.bin"));
        var renamed = session.Run("Rename-FtpLiteItem $args[0] -NewName 'moved.bin'", Join(deep, "up.bin"));
        var afterRename = session.Run("Get-FtpLiteListing $args[0]", deep);
        var removed = session.Run("Remove-FtpLiteItem $args[0] -Recurse -Confirm:$false; Remove-FtpLiteItem $args[1]", Join(home, "a"), Join(home, "seed.txt"));
        var empty = session.Run("Get-FtpLiteListing $args[0]", home);
        session.Run("Disconnect-FtpLite");

        foreach (var step in new[] { listed, made, sent, inside, received, renamed, afterRename, removed, empty })
            Assert.False(step.HadErrors, string.Join("\n", step.Errors));
        var seedItem = Assert.Single(listed.Output);
        Assert.Equal(Join(home, "seed.txt"), seedItem.Get<string>("FullName"));
        Assert.Equal(6L, seedItem.Get<long>("Length"));
        Assert.Equal(deep, made.Single().Get<string>("FullName"));
        Assert.True(madeOnDisk);
        Assert.Equal((long)content.Length, sent.Single().Get<long>("Length"));
        Assert.Equal("up.bin", inside.Single().Get<string>("Name"));
        Assert.Equal(content, File.ReadAllBytes(Path.Combine(local.Path, "got", "up.bin")));
        Assert.Empty(received.Output); // Without -PassThru a download writes nothing, as Copy-Item.
        Assert.Equal("moved.bin", afterRename.Single().Get<string>("Name"));
        Assert.False(Directory.Exists(Path.Combine(peer.Root, "a")));
        Assert.False(File.Exists(seed));
        Assert.Empty(empty.Output);
    }

    private static string Join(string folder, string relative) => FtpLite.Client.RemotePath.Combine(folder, relative);

    /// <summary>Connect-FtpLite with what the library's options say: the account, and FTPS with the pinned certificate.</summary>
    private static void Connect(PowerShellSession session, FtpClientOptions options)
    {
        var script = "Connect-FtpLite $args[0] -Port $args[1]";
        PSCredential? credential = null;
        if (options.UserName != FtpClientOptions.AnonymousUser)
        {
            var password = new SecureString();
            foreach (var c in options.Password) password.AppendChar(c);
            credential = new PSCredential(options.UserName, password);
            script += " -Credential $args[2]";
        }
        if (options.Encryption != FtpEncryption.None)
            script += $" -Encryption {options.Encryption} -TlsServerName {options.TlsServerName} -CertificateThumbprint {options.CertificateThumbprint}";
        var connected = session.Run(script + " | Out-Null", options.Host, options.Port, credential);
        Assert.False(connected.HadErrors, string.Join("\n", connected.Errors));
    }
}
