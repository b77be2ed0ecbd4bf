namespace FtpLite.Client;

public enum FtpItemType
{
    File,
    Directory,
    Link,
    Other,
}
