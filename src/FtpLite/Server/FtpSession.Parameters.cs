using System.Globalization;
using System.Net;
using System.Net.Sockets;
using FtpLite.Protocol;
using FtpLite.Server.Data;

namespace FtpLite.Server;

internal sealed partial class FtpSession
{
    private Task TypeAsync(FtpCommandLine command)
    {
        var parts = command.Argument.ToUpperInvariant().Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
        switch (parts[0])
        {
            case "A" when parts.Length == 1 || parts[1] == "N":
                _binary = false;
                return ReplyAsync(200, "Type set to A.");
            case "I":
            case "L" when parts.Length == 2 && parts[1] == "8":
                _binary = true;
                return ReplyAsync(200, "Type set to I.");
            default:
                return ReplyAsync(504, $"Type '{command.Argument}' not supported; use A or I.");
        }
    }

    private Task ModeAsync(FtpCommandLine command) =>
        command.Argument.Trim().Equals("S", StringComparison.OrdinalIgnoreCase)
            ? ReplyAsync(200, "Mode set to S.")
            : ReplyAsync(504, "Only stream mode (S) is supported.");

    private Task StruAsync(FtpCommandLine command) =>
        command.Argument.Trim().Equals("F", StringComparison.OrdinalIgnoreCase)
            ? ReplyAsync(200, "Structure set to F.")
            : ReplyAsync(504, "Only file structure (F) is supported.");

    private Task RestAsync(FtpCommandLine command)
    {
        if (!long.TryParse(command.Argument.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            return ReplyAsync(501, "REST needs a byte offset of 0 or more.");
        _restartOffset = offset;
        return ReplyAsync(350, $"Restarting at {offset}. Send STOR or RETR to continue.");
    }

    private async Task PasvAsync()
    {
        if (_extendedPassiveOnly)
        {
            await ReplyAsync(503, "EPSV ALL is in force; use EPSV.").ConfigureAwait(false);
            return;
        }
        var announced = _options.PassiveAddress ?? HostPortCodec.Normalize(LocalEndPoint.Address);
        if (announced.AddressFamily != AddressFamily.InterNetwork)
        {
            await ReplyAsync(425, "PASV carries IPv4 addresses only; use EPSV.").ConfigureAwait(false);
            return;
        }
        var port = await OpenPassiveAsync().ConfigureAwait(false);
        if (port == 0) return;
        await ReplyAsync(227, $"Entering Passive Mode ({HostPortCodec.FormatPort(new IPEndPoint(announced, port))}).").ConfigureAwait(false);
    }

    private async Task EpsvAsync(FtpCommandLine command)
    {
        var argument = command.Argument.Trim();
        if (argument.Equals("ALL", StringComparison.OrdinalIgnoreCase))
        {
            _extendedPassiveOnly = true;
            await ReplyAsync(200, "EPSV ALL accepted.").ConfigureAwait(false);
            return;
        }
        if (argument.Length > 0 && argument != FamilyNumber(LocalEndPoint.Address))
        {
            await ReplyAsync(522, $"Network protocol not supported, use ({FamilyNumber(LocalEndPoint.Address)}).").ConfigureAwait(false);
            return;
        }
        var port = await OpenPassiveAsync().ConfigureAwait(false);
        if (port == 0) return;
        await ReplyAsync(229, HostPortCodec.FormatEpsvReply(port)).ConfigureAwait(false);
    }

    private async Task PortAsync(FtpCommandLine command)
    {
        if (!HostPortCodec.TryParsePort(command.Argument, out var target))
        {
            await ReplyAsync(501, "PORT needs h1,h2,h3,h4,p1,p2.").ConfigureAwait(false);
            return;
        }
        await SetActiveTargetAsync(target!).ConfigureAwait(false);
    }

    private async Task EprtAsync(FtpCommandLine command)
    {
        if (!HostPortCodec.TryParseExtendedPort(command.Argument, out var target))
        {
            await ReplyAsync(501, "EPRT needs |protocol|address|port|.").ConfigureAwait(false);
            return;
        }
        await SetActiveTargetAsync(target!).ConfigureAwait(false);
    }

    private async Task SetActiveTargetAsync(IPEndPoint target)
    {
        if (_extendedPassiveOnly)
        {
            await ReplyAsync(503, "EPSV ALL is in force; active mode is refused.").ConfigureAwait(false);
            return;
        }
        // Bounce defence (RFC 2577 section 3): data goes back only to the client itself, never to a privileged port.
        if (!HostPortCodec.SameHost(target.Address, RemoteEndPoint.Address))
        {
            await ReplyAsync(501, "Active mode to another host is refused.").ConfigureAwait(false);
            return;
        }
        if (target.Port < 1024)
        {
            await ReplyAsync(501, "Active mode to a port below 1024 is refused.").ConfigureAwait(false);
            return;
        }
        ClosePassive();
        _activeTarget = new IPEndPoint(RemoteEndPoint.Address, target.Port);
        await ReplyAsync(200, "PORT command successful.").ConfigureAwait(false);
    }

    /// <summary>Opens this session's one passive listener (closing an earlier one); 0 after a 425 reply when no port is free.</summary>
    private async Task<int> OpenPassiveAsync()
    {
        ClosePassive();
        _activeTarget = null;
        try
        {
            _passive = PassiveListener.Open(LocalEndPoint.Address, _options.EffectivePassivePortMin, _options.EffectivePassivePortMax);
            return _passive.Port;
        }
        catch (SocketException)
        {
            await ReplyAsync(425, "No passive port is free; try again later.").ConfigureAwait(false);
            return 0;
        }
    }

    private void ClosePassive()
    {
        _passive?.Dispose();
        _passive = null;
    }

    private static string FamilyNumber(IPAddress address) =>
        HostPortCodec.Normalize(address).AddressFamily == AddressFamily.InterNetworkV6 ? "2" : "1";
}
