using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using MessagePack;
using MessagePack.Formatters;

namespace Hub.Web.Live;

/// <summary>
/// MessagePack for the live hubs with exactly the JSON protocol's shape: every argument and result is written by
/// System.Text.Json with Hub's options (camelCase names, enums as one camelCase string, operations' "type", dates
/// as ISO strings, dictionaries as maps) and the resulting tree is encoded as MessagePack — maps, arrays, strings,
/// integers, floats, booleans, nil. Reading does the reverse. So a client sees the same values over either protocol
/// (only the encoding differs), the wire contracts in docs/protocol.md and contracts.ts hold for both, and a raw
/// operation still arrives as a JsonElement for the hub to read (a malformed one refused as before). The default
/// MessagePack resolver would instead write C# names, numeric or PascalCase enums, timestamp extensions and no
/// operation types. The tree costs one extra pass per message; a push is serialized once per group, not per
/// connection, so that pass is per document and node.
/// </summary>
public sealed class JsonShapedResolver(JsonSerializerOptions json) : IFormatterResolver
{
    public IMessagePackFormatter<T>? GetFormatter<T>() => new Formatter<T>(json);

    /// <summary>MessagePack options for SignalR's MessagePack protocol (server and .NET clients alike).</summary>
    public static MessagePackSerializerOptions Options(JsonSerializerOptions json) =>
        MessagePackSerializerOptions.Standard.WithResolver(new JsonShapedResolver(json)).WithSecurity(MessagePackSecurity.UntrustedData);

    private sealed class Formatter<T>(JsonSerializerOptions json) : IMessagePackFormatter<T>
    {
        /// <summary>An argument arrives typed as what it is (SetCardText), not as what the hub takes (BoardOp): written
        /// as its polymorphic base, it carries its "type" as the JSON protocol's does.</summary>
        private static readonly Type Written = PolymorphicBase(typeof(T));

        public void Serialize(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options) =>
            Write(ref writer, JsonSerializer.SerializeToElement(value, Written, json));

        public T Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                options.Security.DepthStep(ref reader);
                Read(ref reader, writer, options);
                reader.Depth--;
            }

            return JsonSerializer.Deserialize<T>(buffer.WrittenSpan, json)!;
        }
    }

    private static Type PolymorphicBase(Type type)
    {
        for (var b = type.BaseType; b is not null; b = b.BaseType)
        {
            if (b.IsDefined(typeof(JsonPolymorphicAttribute), inherit: false))
            {
                return b;
            }
        }

        return type;
    }

    private static void Write(ref MessagePackWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var count = 0;
                foreach (var _ in element.EnumerateObject())
                {
                    count++;
                }

                writer.WriteMapHeader(count);
                foreach (var property in element.EnumerateObject())
                {
                    writer.Write(property.Name);
                    Write(ref writer, property.Value);
                }

                break;
            case JsonValueKind.Array:
                writer.WriteArrayHeader(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    Write(ref writer, item);
                }

                break;
            case JsonValueKind.String:
                writer.Write(element.GetString());
                break;
            case JsonValueKind.Number:
                if (element.TryGetInt64(out var integer))
                {
                    writer.Write(integer);
                }
                else
                {
                    writer.Write(element.GetDouble());
                }

                break;
            case JsonValueKind.True:
                writer.Write(true);
                break;
            case JsonValueKind.False:
                writer.Write(false);
                break;
            default:
                writer.WriteNil();
                break;
        }
    }

    private static void Read(ref MessagePackReader reader, Utf8JsonWriter writer, MessagePackSerializerOptions options)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Map:
                var properties = reader.ReadMapHeader();
                writer.WriteStartObject();
                for (var i = 0; i < properties; i++)
                {
                    // Keys are names; a client that sends a number as a key gets it as its text.
                    writer.WritePropertyName(reader.NextMessagePackType == MessagePackType.String ? reader.ReadString()! : Scalar(ref reader));
                    options.Security.DepthStep(ref reader);
                    Read(ref reader, writer, options);
                    reader.Depth--;
                }

                writer.WriteEndObject();
                break;
            case MessagePackType.Array:
                var items = reader.ReadArrayHeader();
                writer.WriteStartArray();
                for (var i = 0; i < items; i++)
                {
                    options.Security.DepthStep(ref reader);
                    Read(ref reader, writer, options);
                    reader.Depth--;
                }

                writer.WriteEndArray();
                break;
            case MessagePackType.Nil:
                reader.ReadNil();
                writer.WriteNullValue();
                break;
            case MessagePackType.Boolean:
                writer.WriteBooleanValue(reader.ReadBoolean());
                break;
            case MessagePackType.Integer:
                if (reader.NextCode == MessagePackCode.UInt64)
                {
                    writer.WriteNumberValue(reader.ReadUInt64());
                }
                else
                {
                    writer.WriteNumberValue(reader.ReadInt64());
                }

                break;
            case MessagePackType.Float:
                writer.WriteNumberValue(reader.ReadDouble());
                break;
            case MessagePackType.String:
                writer.WriteStringValue(reader.ReadString());
                break;
            case MessagePackType.Extension:
                // A timestamp (what other MessagePack clients send for a date) as the ISO text Hub reads; any other
                // extension is refused by ReadDateTime.
                writer.WriteStringValue(new DateTimeOffset(reader.ReadDateTime()));
                break;
            default:
                // Binary or an unknown extension: no Hub contract has one; the hub refuses what it cannot read.
                throw new MessagePackSerializationException($"Unsupported MessagePack value: {reader.NextMessagePackType}.");
        }
    }

    private static string Scalar(ref MessagePackReader reader) => reader.NextMessagePackType switch
    {
        MessagePackType.Integer => reader.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
        MessagePackType.Float => reader.ReadDouble().ToString(System.Globalization.CultureInfo.InvariantCulture),
        MessagePackType.Boolean => reader.ReadBoolean() ? "true" : "false",
        _ => throw new MessagePackSerializationException($"Unsupported MessagePack key: {reader.NextMessagePackType}."),
    };
}
