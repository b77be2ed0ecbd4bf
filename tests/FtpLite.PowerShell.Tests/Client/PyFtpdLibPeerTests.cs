using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests.Client;

/// <summary>The client cmdlets against a real server from Debian: pyftpdlib (MLSD, REST STREAM, no HASH).</summary>
public class PyFtpdLibPeerTests
{
    [Fact]
    public void ListPutGetResumeDelete_AgainstPyFtpdLib()
    {
        using var peer = PyFtpdLib.Start();
        using var local = new TempFolder();
        using var session = PowerShellSession.Start();
        session.Run("$ExecutionContext.SessionState.Path.SetLocation($args[0]) | Out-Null; Connect-FtpLite 127.0.0.1 -Port $args[1] | Out-Null", local.Path, peer.Port);
        var content = new string('p', 6000) + new string('q', 6000);
        File.WriteAllText(Path.Combine(local.Path, "up.txt"), content);
        Directory.CreateDirectory(Path.Combine(peer.Root.Path, "pub"));
        File.WriteAllText(Path.Combine(peer.Root.Path, "pub", "down.txt"), content);

        // put
        var sent = session.Run("Send-FtpLiteFile -PassThru up.txt -Destination /incoming");
        Assert.False(sent.HadErrors, string.Join("\n", sent.Errors));
        Assert.Equal(content, File.ReadAllText(Path.Combine(peer.Root.Path, "incoming", "up.txt")));
        Assert.Null(sent.Single().Properties["HashVerified"].Value); // pyftpdlib has no HASH: nothing was claimed.

        // ls
        var listed = session.Run("Get-FtpLiteListing /pub").Single();
        Assert.Equal("/pub/down.txt", listed.Get<string>("FullName"));
        Assert.Equal((long)content.Length, listed.Get<long>("Length"));

        // get, through the listing pipeline
        var received = session.Run("Get-FtpLiteListing /pub | Receive-FtpLiteFile -PassThru -Destination ./got");
        Assert.False(received.HadErrors, string.Join("\n", received.Errors));
        Assert.Equal(content, File.ReadAllText(Path.Combine(local.Path, "got", "down.txt")));

        // resume a download and an upload
        File.WriteAllText(Path.Combine(local.Path, "got", "down.txt"), content.Substring(0, 6000));
        var resumedDown = session.Run("Receive-FtpLiteFile -PassThru /pub/down.txt -Destination ./got -Resume").Single();
        Assert.Equal(6000L, resumedDown.Get<long>("ResumedFrom"));
        Assert.Equal(content, File.ReadAllText(Path.Combine(local.Path, "got", "down.txt")));

        File.WriteAllText(Path.Combine(peer.Root.Path, "incoming", "up.txt"), content.Substring(0, 6000));
        var resumedUp = session.Run("Send-FtpLiteFile -PassThru up.txt -Destination /incoming -Resume").Single();
        Assert.Equal(6000L, resumedUp.Get<long>("ResumedFrom"));
        Assert.Equal(content, File.ReadAllText(Path.Combine(peer.Root.Path, "incoming", "up.txt")));

        // delete
        var removed = session.Run("Remove-FtpLiteItem /incoming -Recurse; Remove-FtpLiteItem /pub/down.txt");
        Assert.False(removed.HadErrors, string.Join("\n", removed.Errors));
        Assert.False(Directory.Exists(Path.Combine(peer.Root.Path, "incoming")));
        Assert.False(File.Exists(Path.Combine(peer.Root.Path, "pub", "down.txt")));

        session.Run("Disconnect-FtpLite");
    }
}
