namespace FtpLite.Client;

public enum FtpTransferDirection
{
    Download,
    Upload,
}
