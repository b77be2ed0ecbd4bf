using System.Security.Cryptography;

namespace FtpLite.Protocol.Hashing;

/// <summary>CRC-32 (IEEE 802.3, as zip and the HASH draft use it) as a HashAlgorithm, big-endian output.</summary>
public sealed class Crc32 : HashAlgorithm
{
    private static readonly uint[] Table = BuildTable();
    private uint _crc = 0xFFFFFFFF;

    public Crc32() => HashSizeValue = 32;

    public override void Initialize() => _crc = 0xFFFFFFFF;

    protected override void HashCore(byte[] array, int ibStart, int cbSize)
    {
        var crc = _crc;
        for (var i = ibStart; i < ibStart + cbSize; i++) crc = Table[(crc ^ array[i]) & 0xFF] ^ (crc >> 8);
        _crc = crc;
    }

    protected override byte[] HashFinal()
    {
        var value = ~_crc;
        return new[] { (byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value };
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        return table;
    }
}
