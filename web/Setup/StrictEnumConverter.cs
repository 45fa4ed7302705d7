using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hub.Web.Setup;

/// <summary>
/// Enums as camelCase names, and only the names: <see cref="JsonStringEnumConverter"/> alone also reads
/// comma-joined names (<c>"municipality, volunteerCentre"</c>, combined as flags into whatever value they add
/// up to) and, unless told otherwise, numbers. Here a value is one defined name, or it is malformed.
/// </summary>
public sealed class StrictEnumConverter(JsonNamingPolicy naming) : JsonConverterFactory
{
    private readonly JsonStringEnumConverter _names = new(naming, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(
            typeof(Strict<>).MakeGenericType(typeToConvert),
            (JsonConverter)_names.CreateConverter(typeToConvert, options))!;

    private sealed class Strict<TEnum>(JsonConverter names) : JsonConverter<TEnum> where TEnum : struct, Enum
    {
        private readonly JsonConverter<TEnum> _names = (JsonConverter<TEnum>)names;

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw NotAName();
            }

            return OneName(reader.GetString(), _names.Read(ref reader, typeToConvert, options));
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) => _names.Write(writer, value, options);

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            OneName(reader.GetString(), _names.ReadAsPropertyName(ref reader, typeToConvert, options));

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            _names.WriteAsPropertyName(writer, value, options);

        private static TEnum OneName(string? text, TEnum value) =>
            text is not null && !text.Contains(',', StringComparison.Ordinal) && Enum.IsDefined(value) ? value : throw NotAName();

        private static JsonException NotAName() => new($"A {typeof(TEnum).Name} is one of its names.");
    }
}
