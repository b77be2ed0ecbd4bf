using System.Security.Cryptography;
using FtpLite.Cli.CommandLine;
using FtpLite.Server;
using FtpLite.Tls;

namespace FtpLite.Cli.Serving;

/// <summary>"ftplite serve"'s FTPS options: a certificate (PFX, or PEM pair), --require-tls and an implicit-TLS port.</summary>
internal static class ServeTlsReader
{
    public static readonly OptionSpec Certificate = new("--certificate", "FILE", "TLS certificate: a PFX file, or a PEM certificate (key inside or in --certificate-key)");
    public static readonly OptionSpec CertificateKey = new("--certificate-key", "FILE", "the PEM private key of --certificate");
    public static readonly OptionSpec CertificatePasswordEnv = new("--certificate-password-env", "VAR", "the PFX password is in environment variable VAR");
    public static readonly OptionSpec RequireTls = new("--require-tls", null, "refuse login and transfers until the client has switched to TLS (AUTH TLS, PROT P)");
    public static readonly OptionSpec ImplicitPort = new("--implicit-port", "N", "also listen for implicit TLS (TLS from the first byte) on port N; 0 picks one");

    public static IReadOnlyList<OptionSpec> Options { get; } = new[] { Certificate, CertificateKey, CertificatePasswordEnv, RequireTls, ImplicitPort };

    public static void Read(ParsedArguments args, Commands.CommandContext context, FtpServerOptions options)
    {
        var path = args.GetString(Certificate.Name);
        if (path is null)
        {
            foreach (var needsCertificate in new[] { CertificateKey, CertificatePasswordEnv, RequireTls, ImplicitPort })
            {
                if (args.Has(needsCertificate.Name)) throw new UsageException($"{needsCertificate.Name} needs --certificate FILE (make one with 'ftplite cert')");
            }
            return;
        }

        var keyPath = args.GetString(CertificateKey.Name);
        string? password = null;
        if (args.GetString(CertificatePasswordEnv.Name) is { } variable)
        {
            password = context.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(password)) throw new UsageException($"{CertificatePasswordEnv.Name} {variable}: that environment variable is not set");
        }
        try
        {
            options.Certificate = CertificateFiles.Load(Full(path, context), keyPath is null ? null : Full(keyPath, context), password);
        }
        catch (FileNotFoundException e)
        {
            throw new UsageException(e.Message.TrimEnd('.'));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new UsageException($"cannot load the certificate '{path}': {e.Message.TrimEnd('.')}" +
                (password is null && keyPath is null ? " (a PFX with a password needs --certificate-password-env)" : ""));
        }
        options.RequireTls = args.Has(RequireTls.Name);
        if (args.Has(ImplicitPort.Name)) options.ImplicitTlsPort = args.GetInt(ImplicitPort.Name, 0, 65535, 0);
    }

    private static string Full(string path, Commands.CommandContext context)
    {
        if (path.Length == 0) throw new UsageException("a certificate or key file name is empty");
        return Path.GetFullPath(path, context.CurrentDirectory);
    }
}
