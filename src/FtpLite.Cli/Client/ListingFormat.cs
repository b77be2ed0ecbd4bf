using System.Globalization;
using System.Text;
using System.Text.Json;
using FtpLite.Client;

namespace FtpLite.Cli.Client;

/// <summary>A listing for people (one aligned line per item) or for programs (one JSON array).</summary>
internal static class ListingFormat
{
    /// <summary>"file       1234  2024-05-01 12:00  name"; folders end in "/". Times are UTC, as servers give them.</summary>
    public static IEnumerable<string> Lines(IEnumerable<FtpListItem> items) => items.Select(item =>
    {
        var type = item.Type switch
        {
            FtpItemType.Directory => "dir",
            FtpItemType.File => "file",
            FtpItemType.Link => "link",
            _ => "other",
        };
        var length = item.Length?.ToString(CultureInfo.InvariantCulture) ?? "-";
        var time = item.LastWriteTime?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-";
        var name = item.IsDirectory ? item.Name + "/" : item.LinkTarget is { } target ? $"{item.Name} -> {target}" : item.Name;
        return ClientFailure.OneLine($"{type,-5} {length,12}  {time,-16}  {name}");
    });

    /// <summary>One JSON array of {name, fullName, type, length, lastWriteTime, permissions}; absent facts are null.</summary>
    public static string Json(IEnumerable<FtpListItem> items)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var item in items)
            {
                json.WriteStartObject();
                json.WriteString("name", item.Name);
                json.WriteString("fullName", item.FullName);
                json.WriteString("type", item.Type.ToString().ToLowerInvariant());
                if (item.Length is { } length) json.WriteNumber("length", length);
                else json.WriteNull("length");
                if (item.LastWriteTime is { } time) json.WriteString("lastWriteTime", DateTime.SpecifyKind(time, DateTimeKind.Utc));
                else json.WriteNull("lastWriteTime");
                if (item.Permissions is { } permissions) json.WriteString("permissions", permissions);
                else json.WriteNull("permissions");
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
