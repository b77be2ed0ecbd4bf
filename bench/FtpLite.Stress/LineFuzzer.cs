using System.Text;

namespace FtpLite.Stress;

/// <summary>
/// Makes hostile command lines: real verbs with mangled arguments, random bytes, Telnet sequences, stray line ends,
/// very long lines. Seeded, so a failing run repeats.
/// </summary>
public sealed class LineFuzzer
{
    private static readonly string[] Verbs =
    {
        "USER", "PASS", "QUIT", "NOOP", "SYST", "TYPE", "MODE", "STRU", "PWD", "CWD", "CDUP", "MKD", "RMD", "DELE", "RNFR",
        "RNTO", "LIST", "NLST", "RETR", "STOR", "APPE", "STOU", "REST", "ABOR", "STAT", "HELP", "PASV", "EPSV", "PORT",
        "EPRT", "ALLO", "FEAT", "OPTS", "SIZE", "MDTM", "MLST", "MLSD", "HASH", "SITE", "AUTH", "PBSZ", "PROT", "XPWD",
    };

    private static readonly string[] Arguments =
    {
        "", " ", "/", "..", "../../../../etc/passwd", "..\\..\\windows", "a\0b", "%2e%2e/x", "*", "*.*", "-la", "-la ..",
        "A", "I", "E", "L 8", "S", "B", "F", "R", "ALL", "1", "2", "3", "-1", "99999999999999999999", "0",
        "127,0,0,1,4,1", "10,0,0,1,0,21", "1,2,3", "|1|127.0.0.1|2000|", "|2|::1|1|", "|||", "UTF8 ON", "HASH MD5", "MLST type;",
        "TLS", "SSL", "P", "C", "名前.txt", "dir/with space/file", "CON", "nul:", "\u202e.txt",
    };

    private readonly Random _random;

    public LineFuzzer(int seed) => _random = new Random(seed);

    /// <summary>One line's bytes, with its line end (which may be odd or missing on purpose).</summary>
    public byte[] Next()
    {
        var kind = _random.Next(100);
        byte[] body;
        if (kind < 55) body = Encoding.UTF8.GetBytes(Pick(Verbs) + (_random.Next(4) == 0 ? "" : " " + Pick(Arguments)));
        else if (kind < 70) body = Encoding.UTF8.GetBytes(Mutate(Pick(Verbs) + " " + Pick(Arguments)));
        else if (kind < 82) body = RandomBytes(_random.Next(1, 200));
        else if (kind < 88) body = Telnet();
        else if (kind < 94) body = Encoding.ASCII.GetBytes(Pick(Verbs) + " " + new string('A', _random.Next(3000, 9000)));
        else body = Encoding.UTF8.GetBytes(Pick(Verbs).ToLowerInvariant() + "\t" + Pick(Arguments));

        var ending = _random.Next(10) switch
        {
            0 => "\n",
            1 => "\r",
            2 => "\r\r\n",
            _ => "\r\n",
        };
        return body.Concat(Encoding.ASCII.GetBytes(ending)).ToArray();
    }

    private string Pick(string[] items) => items[_random.Next(items.Length)];

    private string Mutate(string text)
    {
        var chars = text.ToCharArray().ToList();
        for (var i = _random.Next(1, 5); i > 0 && chars.Count > 0; i--)
        {
            var at = _random.Next(chars.Count);
            switch (_random.Next(3))
            {
                case 0: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, (char)_random.Next(0, 0x3000)); break;
                default: chars[at] = (char)_random.Next(0x20, 0x7f); break;
            }
        }
        return new string(chars.ToArray());
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes.Where(b => b != (byte)'\n').ToArray();
    }

    private byte[] Telnet() => new byte[] { 255, (byte)_random.Next(240, 256), (byte)_random.Next(0, 256) }
        .Concat(Encoding.ASCII.GetBytes(Pick(Verbs))).ToArray();
}
