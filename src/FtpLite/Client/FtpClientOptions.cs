namespace FtpLite.Client;

/// <summary>Where to connect and how patient to be. Defaults log in anonymously on port 21.</summary>
public sealed class FtpClientOptions
{
    public const string AnonymousUser = "anonymous";

    public FtpClientOptions() { }

    public FtpClientOptions(string host, int port = 21)
    {
        Host = host;
        Port = port;
    }

    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 21;

    public string UserName { get; set; } = AnonymousUser;

    /// <summary>The password; for anonymous logins, by custom, an e-mail-like string.</summary>
    public string Password { get; set; } = "anonymous@";

    public FtpDataMode DataMode { get; set; } = FtpDataMode.Auto;

    /// <summary>How long the control connection (and each data connection) may take to connect.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long to wait for one reply.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a data transfer may move no byte before it is given up.</summary>
    public TimeSpan DataTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest reply line accepted; a longer one means the other side is not an FTP server.</summary>
    public int MaxReplyLineLength { get; set; } = 16 * 1024;

    /// <summary>Copy buffer for data connections.</summary>
    public int BufferSize { get; set; } = 256 * 1024;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option that cannot work.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host)) throw new ArgumentException("Host must name a server.", nameof(Host));
        if (Port < 1 || Port > 65535) throw new ArgumentException("Port must be 1 to 65535.", nameof(Port));
        if (UserName is null || UserName.Length == 0) throw new ArgumentException("UserName must not be empty.", nameof(UserName));
        if (Password is null) throw new ArgumentException("Password must not be null (use an empty string).", nameof(Password));
        if (ConnectTimeout <= TimeSpan.Zero || CommandTimeout <= TimeSpan.Zero || DataTimeout <= TimeSpan.Zero)
            throw new ArgumentException("Timeouts must be positive.", nameof(CommandTimeout));
        if (MaxReplyLineLength < 512) throw new ArgumentException("MaxReplyLineLength must be at least 512.", nameof(MaxReplyLineLength));
        if (BufferSize < 4096) throw new ArgumentException("BufferSize must be at least 4096.", nameof(BufferSize));
        if (ContainsLineBreak(Host) || ContainsLineBreak(UserName) || ContainsLineBreak(Password))
            throw new ArgumentException("Host, UserName and Password cannot contain line breaks.", nameof(UserName));
    }

    internal static bool ContainsLineBreak(string text) => text.IndexOf('\r') >= 0 || text.IndexOf('\n') >= 0;
}
