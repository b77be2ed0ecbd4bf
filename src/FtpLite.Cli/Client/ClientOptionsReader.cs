using FtpLite.Cli.CommandLine;
using FtpLite.Cli.Commands;
using FtpLite.Client;

namespace FtpLite.Cli.Client;

/// <summary>
/// The connection options every client verb shares (host, port, user, TLS), read into <see cref="FtpClientOptions"/>.
/// The password comes from FTPLITE_PASSWORD, else from a prompt without echo, else (stdin not a terminal) one line of stdin.
/// </summary>
internal static class ClientOptionsReader
{
    public const string PasswordVariable = "FTPLITE_PASSWORD";

    /// <summary>The CLI client's default port: where "ftplite serve" listens by default, not FTP's 21.</summary>
    public const int DefaultPort = 8080;

    public static readonly OptionSpec Port = new("--port", "N", $"server port (default: {DefaultPort}, where 'ftplite serve' listens; FTP's usual port is 21)");
    public static readonly OptionSpec User = new("--user", "NAME", $"log in as NAME (default: anonymous); password from ${PasswordVariable}, else asked for", "-u");
    public static readonly OptionSpec Tls = new("--tls", "MODE", "FTPS: 'explicit' (AUTH TLS on the same port) or 'implicit' (TLS from the first byte)");
    public static readonly OptionSpec TlsName = new("--tls-name", "NAME", "the name the server's certificate must carry (default: the host)");
    public static readonly OptionSpec Pin = new("--pin", "SHA256", "accept exactly the certificate with this SHA-256 (or SHA-1) thumbprint, self-signed too");
    public static readonly OptionSpec Insecure = new("--insecure", null, "DANGEROUS: accept any certificate for this run; anyone in between can read everything");
    public static readonly OptionSpec Host = new("--host", "HOST", "the server's name or address", "-H");

    /// <summary>Host, port, user and TLS options, for verbs that name the host as an option.</summary>
    public static IReadOnlyList<OptionSpec> WithHostOption { get; } = new[] { Host, Port, User, Tls, TlsName, Pin, Insecure };

    /// <summary>Port, user and TLS options, for "connect HOST", which names the host as an argument.</summary>
    public static IReadOnlyList<OptionSpec> WithoutHostOption { get; } = new[] { Port, User, Tls, TlsName, Pin, Insecure };

    /// <summary>Reads the options (the host from <paramref name="host"/> when given, else --host); asks for a password if needed.</summary>
    public static FtpClientOptions Read(ParsedArguments args, CommandContext context, string? host = null)
    {
        host ??= args.GetString(Host.Name) ?? throw new UsageException("say which server with --host HOST (or -H HOST)");
        if (host.Length == 0 || host.Any(char.IsWhiteSpace)) throw new UsageException($"'{host}' is not a host name or address");
        var options = new FtpClientOptions(Unbracket(host), args.GetInt(Port.Name, 1, 65535, DefaultPort));
        ReadTls(args, options);

        var user = args.GetString(User.Name);
        if (user is not null && user.Length == 0) throw new UsageException("--user needs a name");
        if (user is not null && !string.Equals(user, FtpClientOptions.AnonymousUser, StringComparison.OrdinalIgnoreCase))
        {
            options.UserName = user;
            options.Password = ReadPassword(user, options.Host, context);
        }

        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message.Split(" (Parameter")[0].TrimEnd('.'));
        }
        return options;
    }

    /// <summary>The one loud line --insecure earns, or null.</summary>
    public static string? InsecureWarning(FtpClientOptions options) => options.AcceptAnyCertificate
        ? $"{CliApplication.ToolName}: WARNING: --insecure: the server's certificate is not checked for this run; anyone in between can read and change the session, password included"
        : null;

    private static void ReadTls(ParsedArguments args, FtpClientOptions options)
    {
        var mode = args.GetString(Tls.Name);
        options.Encryption = mode switch
        {
            null => FtpEncryption.None,
            "explicit" => FtpEncryption.Explicit,
            "implicit" => FtpEncryption.Implicit,
            _ => throw new UsageException($"--tls is 'explicit' or 'implicit', not '{mode}'"),
        };
        options.TlsServerName = args.GetString(TlsName.Name);
        options.CertificateThumbprint = args.GetString(Pin.Name);
        options.AcceptAnyCertificate = args.Has(Insecure.Name);
        if (options.Encryption == FtpEncryption.None)
        {
            foreach (var tlsOnly in new[] { TlsName, Pin, Insecure })
            {
                if (args.Has(tlsOnly.Name)) throw new UsageException($"{tlsOnly.Name} needs --tls explicit or --tls implicit");
            }
        }
        if (options.AcceptAnyCertificate && options.CertificateThumbprint is not null) throw new UsageException("--pin and --insecure contradict each other; give one");
        if (options.CertificateThumbprint is not null && !LooksLikeThumbprint(options.CertificateThumbprint))
            throw new UsageException($"--pin needs a SHA-256 thumbprint (64 hex digits, colons allowed), not '{options.CertificateThumbprint}'");
    }

    // The library checks again; this only words the mistake in the CLI's terms.
    private static bool LooksLikeThumbprint(string text)
    {
        var hex = text.Where(c => c != ':' && c != ' ').ToArray();
        return (hex.Length == 64 || hex.Length == 40) && hex.All(Uri.IsHexDigit);
    }

    private static string ReadPassword(string user, string host, CommandContext context)
    {
        var fromEnvironment = context.GetEnvironmentVariable(PasswordVariable);
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment!;
        var password = context.Terminal.IsInputTerminal
            ? context.Terminal.ReadSecret($"Password for {user}@{host}: ")
            : context.Input.ReadLine();
        return password ?? throw new UsageException($"--user {user} needs a password: set {PasswordVariable} or type it when asked");
    }

    private static string Unbracket(string host) =>
        host.Length > 2 && host[0] == '[' && host[host.Length - 1] == ']' ? host.Substring(1, host.Length - 2) : host;
}
