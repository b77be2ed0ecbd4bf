namespace FtpLite.Tests.Client.Tls;

/// <summary>
/// Tests that resume TLS sessions under the name "localhost" run one at a time: .NET's client session cache (Linux)
/// is process-wide and keeps one session per host name, so two servers' tests in parallel would replace each
/// other's session and a server that requires reuse would refuse the data connection.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LocalhostTlsSessions
{
    public const string Name = "TLS sessions under localhost";
}
