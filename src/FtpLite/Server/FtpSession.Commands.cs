using FtpLite.Protocol;

namespace FtpLite.Server;

internal sealed partial class FtpSession
{
    /// <summary>How one verb is handled: its handler, and what must hold before it runs.</summary>
    private sealed class CommandSpec
    {
        public CommandSpec(Func<FtpSession, FtpCommandLine, Task> handler, bool needsLogin, bool needsArgument)
        {
            Handler = handler;
            NeedsLogin = needsLogin;
            NeedsArgument = needsArgument;
        }

        public Func<FtpSession, FtpCommandLine, Task> Handler { get; }
        public bool NeedsLogin { get; }
        public bool NeedsArgument { get; }
    }

    /// <summary>Every verb the server knows; anything else is answered 502.</summary>
    private static readonly Dictionary<string, CommandSpec> CommandTable = BuildCommandTable();

    /// <summary>Verbs whose argument is a path: a bad one is a name not allowed (553) rather than bad syntax (501).</summary>
    private static readonly HashSet<string> PathVerbs = new(StringComparer.Ordinal)
    {
        "CWD", "XCWD", "MKD", "XMKD", "RMD", "XRMD", "DELE", "RNFR", "RNTO", "SIZE", "MDTM", "MFMT", "MLST", "HASH",
        "RETR", "STOR", "APPE", "STOU", "LIST", "NLST", "MLSD", "STAT",
    };

    private static bool NamesPaths(string verb) => PathVerbs.Contains(verb);

    /// <summary>
    /// Verbs answered from the session's own state, touching no file, no other socket, no slow hash: they may run on
    /// the socket engine's thread when the host completes socket operations inline (see <see cref="OnSocketThread"/>).
    /// PASS decides for itself (a remembered password is one HMAC; any other check is the slow derivation). Not FEAT:
    /// after login it asks the store what it can do.
    /// </summary>
    private static readonly HashSet<string> LightVerbs = new(StringComparer.Ordinal)
    {
        "USER", "PASS", "QUIT", "PWD", "XPWD", "NOOP", "SYST", "TYPE", "MODE", "STRU", "OPTS", "PBSZ", "PROT", "REST", "ALLO",
    };

    /// <summary>
    /// True off the thread pool: on the server's accept thread (a session starts there and runs until its first wait)
    /// or on a socket engine's own thread, where code runs when the host enables inline socket completions
    /// (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1: a host may set it to spare each command a hand-over between threads;
    /// `ftplite serve` no longer does, since a store's synchronous wait on that thread stalled S3 uploads). Such a thread serves every connection, so anything that may wait (a file, a TLS handshake, a password
    /// derivation) first moves to the thread pool: <c>if (OnSocketThread) await Task.Yield();</c>. Elsewhere: false.
    /// </summary>
    private static bool OnSocketThread => !Thread.CurrentThread.IsThreadPoolThread;

    /// <summary>The verbs HELP lists.</summary>
    internal static IEnumerable<string> KnownVerbs => CommandTable.Keys.OrderBy(v => v, StringComparer.Ordinal);

    private static Dictionary<string, CommandSpec> BuildCommandTable()
    {
        var table = new Dictionary<string, CommandSpec>(StringComparer.Ordinal);
        void Open(string verb, Func<FtpSession, FtpCommandLine, Task> handler, bool argument = false) =>
            table[verb] = new CommandSpec(handler, needsLogin: false, needsArgument: argument);
        void Add(string verb, Func<FtpSession, FtpCommandLine, Task> handler, bool argument = false) =>
            table[verb] = new CommandSpec(handler, needsLogin: true, needsArgument: argument);

        // Access (FtpSession.Access.cs)
        Open("USER", (s, c) => s.UserAsync(c), argument: true);
        Open("PASS", (s, c) => s.PassAsync(c));
        Open("QUIT", (s, c) => s.QuitAsync());

        // TLS (FtpSession.Security.cs)
        Open("AUTH", (s, c) => s.AuthAsync(c), argument: true);
        Open("PBSZ", (s, c) => s.PbszAsync(c), argument: true);
        Open("PROT", (s, c) => s.ProtAsync(c), argument: true);

        // Information, answered before login too (FtpSession.Info.cs)
        Open("FEAT", (s, c) => s.FeatAsync());
        Open("SYST", (s, c) => s.ReplyAsync(215, "UNIX Type: L8"));
        Open("NOOP", (s, c) => s.ReplyAsync(200, "NOOP ok."));
        Open("HELP", (s, c) => s.HelpAsync());
        Open("OPTS", (s, c) => s.OptsAsync(c), argument: true);
        Open("ABOR", (s, c) => s.ReplyAsync(225, "No transfer to abort."));
        Add("STAT", (s, c) => s.StatAsync(c));
        Add("SITE", (s, c) => s.SiteAsync(c), argument: true);
        Add("ALLO", (s, c) => s.ReplyAsync(202, "No storage allocation necessary."));

        // Transfer parameters (FtpSession.Parameters.cs)
        Add("TYPE", (s, c) => s.TypeAsync(c), argument: true);
        Add("MODE", (s, c) => s.ModeAsync(c), argument: true);
        Add("STRU", (s, c) => s.StruAsync(c), argument: true);
        Add("REST", (s, c) => s.RestAsync(c), argument: true);
        Add("PASV", (s, c) => s.PasvAsync());
        Add("EPSV", (s, c) => s.EpsvAsync(c));
        Add("PORT", (s, c) => s.PortAsync(c), argument: true);
        Add("EPRT", (s, c) => s.EprtAsync(c), argument: true);

        // Folders (FtpSession.Folders.cs)
        foreach (var verb in new[] { "PWD", "XPWD" }) Add(verb, (s, c) => s.PwdAsync());
        foreach (var verb in new[] { "CWD", "XCWD" }) Add(verb, (s, c) => s.CwdAsync(c.Argument), argument: true);
        foreach (var verb in new[] { "CDUP", "XCUP" }) Add(verb, (s, c) => s.CwdAsync(".."));
        foreach (var verb in new[] { "MKD", "XMKD" }) Add(verb, (s, c) => s.MkdAsync(c), argument: true);
        foreach (var verb in new[] { "RMD", "XRMD" }) Add(verb, (s, c) => s.RmdAsync(c), argument: true);

        // Files (FtpSession.Files.cs)
        Add("DELE", (s, c) => s.DeleAsync(c), argument: true);
        Add("RNFR", (s, c) => s.RnfrAsync(c), argument: true);
        Add("RNTO", (s, c) => s.RntoAsync(c), argument: true);
        Add("SIZE", (s, c) => s.SizeAsync(c), argument: true);
        Add("MDTM", (s, c) => s.MdtmAsync(c), argument: true);
        Add("MFMT", (s, c) => s.MfmtAsync(c), argument: true);
        Add("MLST", (s, c) => s.MlstAsync(c));
        Add("HASH", (s, c) => s.HashAsync(c), argument: true);

        // Transfers over the data connection (FtpSession.Transfers.cs)
        Add("RETR", (s, c) => s.RetrAsync(c), argument: true);
        Add("STOR", (s, c) => s.StorAsync(c), argument: true);
        Add("APPE", (s, c) => s.AppeAsync(c), argument: true);
        Add("STOU", (s, c) => s.StouAsync(c));
        Add("LIST", (s, c) => s.ListAsync(c, ListingKind.Long));
        Add("NLST", (s, c) => s.ListAsync(c, ListingKind.Names));
        Add("MLSD", (s, c) => s.ListAsync(c, ListingKind.Facts));
        return table;
    }
}
