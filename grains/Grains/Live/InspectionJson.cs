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
    };
}
