using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hub.Grains.Live;

/// <summary>The JSON shape of an exported document: the web's (camelCase, enums as camelCase names), so an export
/// reads like what the browser receives, and a restore reads the export back.</summary>
public static class InspectionJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        AllowOutOfOrderMetadataProperties = true,
        WriteIndented = true,
        // A file for people to read: Danish letters as they are (the default escapes everything beyond ASCII).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}
