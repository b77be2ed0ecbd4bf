using FtpLite.PowerShell.Tests.Support;

namespace FtpLite.PowerShell.Tests;

public class HelpTests
{
    public static TheoryData<string> Cmdlets => new()
    {
        "Start-FtpLiteServer", "Get-FtpLiteServer", "Stop-FtpLiteServer", "New-FtpLiteCertificate",
        "Connect-FtpLite", "Disconnect-FtpLite", "Get-FtpLiteListing", "Send-FtpLiteFile", "Receive-FtpLiteFile",
        "Remove-FtpLiteItem", "New-FtpLiteDirectory", "Rename-FtpLiteItem", "Get-FtpLiteFileHash", "Get-FtpLiteSession",
    };

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Examples_AreShown(string cmdlet)
    {
        using var session = PowerShellSession.Start();

        var codes = session.Run("(Get-Help $args[0] -Examples).examples.example | ForEach-Object { $_.code }", cmdlet).Output;

        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.Contains(cmdlet, code.ToString()));
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void SynopsisAndDescription_AreWritten(string cmdlet)
    {
        using var session = PowerShellSession.Start();

        var synopsis = session.Run("(Get-Help $args[0]).Synopsis", cmdlet).Single().ToString();
        var description = session.Run("(Get-Help $args[0] -Full).description | ForEach-Object { $_.Text }", cmdlet).Output;

        Assert.False(string.IsNullOrWhiteSpace(synopsis));
        Assert.DoesNotContain(cmdlet, synopsis); // Without help, PowerShell's synopsis is the syntax line.
        Assert.NotEmpty(description);
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void EveryParameter_IsDescribed(string cmdlet)
    {
        using var session = PowerShellSession.Start();
        const string script =
            "$common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters;" +
            "(Get-Command $args[0]).Parameters.Keys | Where-Object { $common -notcontains $_ -or $_ -in 'WhatIf', 'Confirm' }";

        var parameters = session.Run(script, cmdlet).Output.Select(o => o.ToString()).Order().ToArray();
        var described = session.Run(
            "(Get-Help $args[0] -Full).parameters.parameter | Where-Object { $_.description } | ForEach-Object { $_.name }", cmdlet)
            .Output.Select(o => o.ToString()).Order().ToArray();

        Assert.NotEmpty(parameters);
        Assert.Equal(parameters, described);
    }

    [Theory]
    [InlineData("Send-FtpLiteFile")]
    [InlineData("Receive-FtpLiteFile")]
    public void Transfers_HaveSeveralExamples(string cmdlet)
    {
        using var session = PowerShellSession.Start();

        var codes = session.Run("(Get-Help $args[0] -Examples).examples.example | ForEach-Object { $_.code }", cmdlet).Output;

        Assert.True(codes.Count >= 4, $"{cmdlet} has {codes.Count} examples.");
    }

    [Fact]
    public void AboutTopic_IsFound()
    {
        using var session = PowerShellSession.Start();

        var text = string.Concat(session.Run("Get-Help about_FtpLite").Output.Select(o => o.ToString()));

        Assert.Contains("Start-FtpLiteServer", text);
        Assert.Contains("FtpLite.PortInUse", text);
        Assert.Contains("Send-FtpLiteFile", text);
        Assert.Contains("FtpLite.TargetExists", text);
        Assert.Contains("FtpLite.CertificateRejected", text);
        Assert.Contains("-ThrottleLimit", text);
        Assert.Contains("-SkipCertificateCheck", text);
    }
}
