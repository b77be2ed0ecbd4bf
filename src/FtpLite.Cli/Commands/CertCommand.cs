using System.Security.Cryptography.X509Certificates;
using System.Text;
using FtpLite.Cli.CommandLine;
using FtpLite.Tls;

namespace FtpLite.Cli.Commands;

/// <summary>"ftplite cert --host NAME": makes a self-signed server certificate and prints its SHA-256 thumbprint to pin.</summary>
public sealed class CertCommand : ICommand
{
    private static readonly OptionSpec Host = new("--host", "NAME", "the server's host name or IP address, as clients will type it (required)", "-H");
    private static readonly OptionSpec Out = new("--out", "FILE", "the PFX file to write (default: server.pfx)");
    private static readonly OptionSpec Days = new("--days", "N", "days the certificate stays valid (default: 365)");
    private static readonly OptionSpec Pem = new("--pem", null, "also write a PEM pair beside it: FILE's name with .crt (certificate) and .key (key)");
    private static readonly OptionSpec PasswordEnv = new("--password-env", "VAR", "protect the PFX with the password in environment variable VAR (default: none)");
    private static readonly OptionSpec Force = new("--force", null, "replace files that exist (without it they are refused)", "-f");

    public string Name => "cert";

    public string Summary => "Create a self-signed TLS certificate for 'serve' and print its thumbprint.";

    public string Usage => "--host NAME [options]";

    public IReadOnlyList<OptionSpec> Options { get; } = new[] { Host, Out, Days, Pem, PasswordEnv, Force };

    public string Details =>
        "Prints only the certificate's SHA-256 thumbprint on stdout, for clients to pin:\n" +
        "  ftplite cert --host 127.0.0.1\n" +
        "  ftplite serve --certificate server.pfx --require-tls\n" +
        "  ftplite ls -H 127.0.0.1 --tls explicit --pin THUMBPRINT\n" +
        "Key files are written readable by you alone. Exit codes: 0 written, 1 a file exists or cannot be\n" +
        "written, 2 bad command line.";

    public Task<int> RunAsync(ParsedArguments arguments, CommandContext context)
    {
        if (arguments.Positionals.Count > 0) throw new UsageException($"unexpected argument '{arguments.Positionals[0]}'");
        var host = arguments.GetString(Host.Name) ?? throw new UsageException("say which host the certificate is for with --host NAME");
        if (host.Length == 0 || host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == ',' || c == '=' || c == '+'))
            throw new UsageException($"'{host}' is not a host name or IP address");
        var days = arguments.GetInt(Days.Name, 1, 3650, 365);
        var pfx = Path.GetFullPath(arguments.GetString(Out.Name) ?? "server.pfx", context.CurrentDirectory);
        var password = ReadPassword(arguments, context);
        var files = new List<string> { pfx };
        var stem = Path.Combine(Path.GetDirectoryName(pfx)!, Path.GetFileNameWithoutExtension(pfx));
        if (arguments.Has(Pem.Name)) files.AddRange(new[] { stem + ".crt", stem + ".key" });
        if (files.Distinct().Count() < files.Count) throw new UsageException("--out must not end in .crt or .key with --pem; the files would collide");

        if (!arguments.Has(Force.Name) && files.FirstOrDefault(File.Exists) is { } existing)
        {
            context.Error.WriteLine($"{CliApplication.ToolName}: '{existing}' exists; --force replaces it");
            return Task.FromResult(ExitCodes.Failure);
        }

        try
        {
            using var certificate = CertificateFiles.CreateSelfSigned(host, TimeSpan.FromDays(days));
            WritePrivate(pfx, certificate.Export(X509ContentType.Pkcs12, password));
            if (arguments.Has(Pem.Name))
            {
                using var key = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("the new certificate has no RSA key");
                WritePrivate(stem + ".key", Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem() + "\n"));
                File.WriteAllText(stem + ".crt", certificate.ExportCertificatePem() + "\n", Encoding.ASCII);
            }
            context.Error.WriteLine($"Wrote {string.Join(", ", files.Select(f => Path.GetRelativePath(context.CurrentDirectory, f)))}: " +
                $"CN={host}, self-signed, valid until {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd} UTC. SHA-256 thumbprint:");
            context.Output.WriteLine(CertificateFiles.Sha256Thumbprint(certificate));
            return Task.FromResult(ExitCodes.Success);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"{CliApplication.ToolName}: cannot write the certificate: {e.Message}");
            return Task.FromResult(ExitCodes.Failure);
        }
    }

    private static string? ReadPassword(ParsedArguments arguments, CommandContext context)
    {
        var variable = arguments.GetString(PasswordEnv.Name);
        if (variable is null) return null;
        var password = context.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(password)) throw new UsageException($"--password-env {variable}: that environment variable is not set");
        return password;
    }

    /// <summary>Writes a file only its owner can read (on Unix), also when it replaces one.</summary>
    private static void WritePrivate(string path, byte[] bytes)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(path, options)) file.Write(bytes);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
