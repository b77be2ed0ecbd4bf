using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace FtpLite.Protocol;

/// <summary>
/// The address forms of FTP's data-connection commands: "h1,h2,h3,h4,p1,p2" (PORT, and PASV's 227 reply, RFC 959)
/// and "|proto|address|port|" (EPRT, and EPSV's 229 reply, RFC 2428).
/// </summary>
public static class HostPortCodec
{
    /// <summary>Formats an IPv4 endpoint as "h1,h2,h3,h4,p1,p2".</summary>
    public static string FormatPort(IPEndPoint endPoint)
    {
        var address = Normalize(endPoint.Address);
        if (address.AddressFamily != AddressFamily.InterNetwork)
            throw new ArgumentException("PORT and PASV carry IPv4 addresses only; use EPRT or EPSV for IPv6.", nameof(endPoint));
        var b = address.GetAddressBytes();
        return string.Format(CultureInfo.InvariantCulture, "{0},{1},{2},{3},{4},{5}", b[0], b[1], b[2], b[3], endPoint.Port >> 8, endPoint.Port & 0xFF);
    }

    /// <summary>Parses "h1,h2,h3,h4,p1,p2", as PORT's argument or inside a 227 reply's text.</summary>
    public static bool TryParsePort(string text, out IPEndPoint? endPoint)
    {
        endPoint = null;
        var parts = text.Trim().Split(',');
        if (parts.Length != 6) return false;
        var numbers = new byte[6];
        for (var i = 0; i < 6; i++)
        {
            if (!byte.TryParse(parts[i].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i])) return false;
        }
        var port = (numbers[4] << 8) | numbers[5];
        if (port == 0) return false;
        endPoint = new IPEndPoint(new IPAddress(new[] { numbers[0], numbers[1], numbers[2], numbers[3] }), port);
        return true;
    }

    /// <summary>Finds and parses the "h1,h2,h3,h4,p1,p2" inside a 227 reply's text, with or without parentheses.</summary>
    public static bool TryParsePasvReply(string message, out IPEndPoint? endPoint)
    {
        endPoint = null;
        var start = -1;
        for (var i = 0; i < message.Length; i++)
        {
            if (char.IsDigit(message[i])) { start = i; break; }
        }
        if (start < 0) return false;
        var end = start;
        while (end < message.Length && (char.IsDigit(message[end]) || message[end] == ',' || message[end] == ' ')) end++;
        return TryParsePort(message.Substring(start, end - start), out endPoint);
    }

    /// <summary>Formats an endpoint as EPRT's argument: "|1|192.0.2.1|2000|" or "|2|::1|2000|".</summary>
    public static string FormatExtendedPort(IPEndPoint endPoint)
    {
        var address = Normalize(endPoint.Address);
        var protocol = address.AddressFamily == AddressFamily.InterNetworkV6 ? 2 : 1;
        return string.Format(CultureInfo.InvariantCulture, "|{0}|{1}|{2}|", protocol, address, endPoint.Port);
    }

    /// <summary>Parses EPRT's argument "|proto|address|port|"; any printable delimiter is allowed (RFC 2428 section 2).</summary>
    public static bool TryParseExtendedPort(string text, out IPEndPoint? endPoint)
    {
        endPoint = null;
        text = text.Trim();
        if (text.Length < 7) return false;
        var delimiter = text[0];
        if (delimiter < 33 || delimiter > 126) return false;
        var parts = text.Split(delimiter);
        // "|1|addr|port|" splits into "", "1", "addr", "port", "".
        if (parts.Length != 5 || parts[0].Length != 0 || parts[4].Length != 0) return false;
        if (!IPAddress.TryParse(parts[2], out var address)) return false;
        var family = parts[1] == "1" ? AddressFamily.InterNetwork : parts[1] == "2" ? AddressFamily.InterNetworkV6 : (AddressFamily?)null;
        if (family != address.AddressFamily) return false;
        if (!ushort.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port == 0) return false;
        endPoint = new IPEndPoint(address, port);
        return true;
    }

    /// <summary>Formats EPSV's reply text: "Entering Extended Passive Mode (|||port|)".</summary>
    public static string FormatEpsvReply(int port) =>
        string.Format(CultureInfo.InvariantCulture, "Entering Extended Passive Mode (|||{0}|)", port);

    /// <summary>Parses the port out of a 229 reply's "(|||port|)".</summary>
    public static bool TryParseEpsvReply(string message, out int port)
    {
        port = 0;
        var open = message.IndexOf('(');
        var close = message.LastIndexOf(')');
        if (open < 0 || close <= open + 1) return false;
        var inner = message.Substring(open + 1, close - open - 1);
        if (inner.Length < 5) return false;
        var parts = inner.Split(inner[0]);
        if (parts.Length != 5) return false;
        return int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out port) && port > 0 && port <= 65535;
    }

    /// <summary>An IPv4 address seen through a dual-stack socket (::ffff:a.b.c.d) is the IPv4 address.</summary>
    public static IPAddress Normalize(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>True when two addresses name the same host, seen through either socket family.</summary>
    public static bool SameHost(IPAddress a, IPAddress b) => Normalize(a).Equals(Normalize(b));
}
