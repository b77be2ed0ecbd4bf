using System.Globalization;
using System.Text;

namespace FtpLite.Tests.ScaleOut;

/// <summary>One node behind the front: where its control port listens, and its passive range (the same ports on the front).</summary>
internal sealed record ScaleOutNode(string Address, int ControlPort, int PassiveFirst, int PassiveLast)
{
    public bool OwnsPassivePort(int port) => port >= PassiveFirst && port <= PassiveLast;
}

/// <summary>
/// The HAProxy configuration of docs/scale-out.md: the control port balanced over the nodes, and each node's passive
/// range listened on by the front and sent to that node's same port. TCP only: the proxy never reads FTP.
/// </summary>
internal static class HaProxyConfig
{
    public static string For(string frontAddress, int frontPort, IReadOnlyList<ScaleOutNode> nodes)
    {
        var text = new StringBuilder();
        void Line(string line) => text.Append(line).Append('\n');
        Line("global");
        Line("    maxconn 4096");
        Line("defaults");
        Line("    mode tcp");
        Line("    timeout connect 2s");
        // Longer than a node's idle timeout, so that the node, not the proxy, ends an idle session (with a 421).
        Line("    timeout client 10m");
        Line("    timeout server 10m");
        // A connection to a dead node is tried again, on another node, before the health check has noticed.
        Line("    retries 2");
        Line("    option redispatch");
        Line("frontend ftp_control");
        Line($"    bind {frontAddress}:{Invariant(frontPort)}");
        Line("    default_backend ftp_nodes");
        Line("backend ftp_nodes");
        Line("    balance leastconn");
        for (var i = 0; i < nodes.Count; i++)
            Line($"    server node{Invariant(i + 1)} {nodes[i].Address}:{Invariant(nodes[i].ControlPort)} check inter 500ms fall 1 rise 2");
        for (var i = 0; i < nodes.Count; i++)
        {
            // No port on the server line: the connection goes to the port it arrived on, within the node's own range.
            Line($"listen ftp_passive_node{Invariant(i + 1)}");
            Line($"    bind {frontAddress}:{Invariant(nodes[i].PassiveFirst)}-{Invariant(nodes[i].PassiveLast)}");
            Line($"    server node{Invariant(i + 1)} {nodes[i].Address}");
        }
        return text.ToString();
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
