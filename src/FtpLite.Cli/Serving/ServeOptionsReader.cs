using System.Globalization;
using System.Net;
using FtpLite.Cli.CommandLine;
using FtpLite.Server;

namespace FtpLite.Cli.Serving;

/// <summary>Turns "ftplite serve" options into <see cref="FtpServerOptions"/>, each mistake a one-line <see cref="UsageException"/>.</summary>
internal static class ServeOptionsReader
{
    public const string PasswordVariable = "FTPLITE_PASSWORD";

    public static FtpServerOptions Read(ParsedArguments args, Commands.CommandContext context)
    {
        if (args.Positionals.Count > 0) throw new UsageException($"unexpected argument '{args.Positionals[0]}'");

        var defaults = new FtpServerOptions();
        var options = new FtpServerOptions
        {
            Port = args.GetInt("--port", 0, 65535, defaults.Port),
            ListenAddress = ReadAddress("--address", args.GetString("--address")) ?? defaults.ListenAddress,
            PassiveAddress = ReadAddress("--passive-address", args.GetString("--passive-address")),
            MaxSessions = args.GetInt("--max-sessions", 1, 1_000_000, defaults.MaxSessions),
            IdleTimeout = TimeSpan.FromSeconds(args.GetInt("--idle-timeout", 1, 86_400 * 7, (int)defaults.IdleTimeout.TotalSeconds)),
        };
        options.MaxSessionsPerAddress = ReadPerAddressCap(args, options.MaxSessions, defaults.MaxSessionsPerAddress);

        var range = args.GetString("--passive-ports");
        if (range is not null) (options.PassivePortMin, options.PassivePortMax) = ReadPortRange(range);

        var user = args.GetString("--user");
        if (user is not null)
        {
            var password = context.GetEnvironmentVariable(PasswordVariable);
            if (string.IsNullOrEmpty(password))
                throw new UsageException($"--user {user} needs its password in the environment variable {PasswordVariable}, which is not set");
            try
            {
                options.Users.Add(FtpUser.Create(user, password!));
            }
            catch (ArgumentException)
            {
                throw new UsageException($"'{user}' is not a valid user name (no spaces or control characters)");
            }
        }

        var anonymousWrite = args.Has("--anonymous-write");
        if (args.Has("--anonymous") || anonymousWrite)
        {
            options.AllowAnonymous = true;
            options.AnonymousWrite = anonymousWrite;
        }
        if (anonymousWrite && !IPAddress.IsLoopback(options.ListenAddress))
            throw new UsageException($"--anonymous-write is refused on {options.ListenAddress}, which is not a loopback address; use --user for write access from other machines");
        if (user is null && options.AllowAnonymous is null && !IPAddress.IsLoopback(options.ListenAddress))
            throw new UsageException($"on {options.ListenAddress}, name an account with --user or allow --anonymous (read-only) explicitly");

        Stores.StoreProviders.Read(args, context, options);
        ServeTlsReader.Read(args, context, options);

        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(WithoutParameterName(e));
        }
        return options;
    }

    // Unset: one client address may use every session the server allows, unless the library's own cap is lower.
    private static int ReadPerAddressCap(ParsedArguments args, int maxSessions, int libraryDefault)
    {
        var cap = args.GetInt("--max-sessions-per-address", 1, 1_000_000, Math.Min(maxSessions, libraryDefault));
        if (cap > maxSessions)
            throw new UsageException($"--max-sessions-per-address {cap} is more than --max-sessions {maxSessions}; raise --max-sessions too");
        return cap;
    }

    private static IPAddress? ReadAddress(string name, string? text)
    {
        if (text is null) return null;
        // Brackets are how IPv6 addresses appear in URLs; accept them as typed.
        var bare = text.StartsWith("[", StringComparison.Ordinal) && text.EndsWith("]", StringComparison.Ordinal) ? text.Substring(1, text.Length - 2) : text;
        if (IPAddress.TryParse(bare, out var address)) return address;
        throw new UsageException($"{name} needs an IP address such as 127.0.0.1 or ::1, not '{text}'");
    }

    private static (int Min, int Max) ReadPortRange(string text)
    {
        var parts = text.Split('-');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var max)
            && min >= 1024 && max <= 65535 && min <= max)
        {
            return (min, max);
        }
        throw new UsageException($"--passive-ports needs a range MIN-MAX within 1024-65535, lowest first, not '{text}'");
    }

    // .NET appends " (Parameter 'x')" to ArgumentException messages; the user never typed "x".
    private static string WithoutParameterName(ArgumentException e)
    {
        var suffix = e.ParamName is null ? null : $" (Parameter '{e.ParamName}')";
        var message = suffix is not null && e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message.Substring(0, e.Message.Length - suffix.Length) : e.Message;
        return message.TrimEnd('.');
    }
}
