namespace FtpLite.PowerShell; internal static class Placeholder { }
