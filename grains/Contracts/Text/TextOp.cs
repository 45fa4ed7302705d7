using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hub.Contracts.Text;

/// <summary>
/// One step of a <see cref="TextOp"/>: keep <see cref="Retain"/> characters, insert <see cref="Insert"/>, or
/// delete <see cref="Delete"/> characters — exactly one of the three. Characters are UTF-16 code units, the
/// unit of C# and JavaScript strings alike; a step never splits a surrogate pair.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.text-component")]
public readonly record struct TextComponent(
    [property: Id(0)] int Retain,
    [property: Id(1)] string? Insert,
    [property: Id(2)] int Delete)
{
    public static TextComponent RetainOf(int count) => new(count, null, 0);

    public static TextComponent InsertOf(string text) => new(0, text, 0);

    public static TextComponent DeleteOf(int count) => new(0, null, count);

    public bool IsRetain => Retain > 0;

    public bool IsInsert => Insert is { Length: > 0 };

    public bool IsDelete => Delete > 0;

    /// <summary>Exactly one kind, with a positive size no larger than <see cref="TextLimits.LengthMax"/>.</summary>
    public bool IsWellFormed => (IsRetain ? 1 : 0) + (IsInsert ? 1 : 0) + (IsDelete ? 1 : 0) == 1
        && Retain is >= 0 and <= TextLimits.LengthMax && Delete is >= 0 and <= TextLimits.LengthMax
        && (Insert is null || Insert.Length <= TextLimits.LengthMax);
}

/// <summary>
/// A change to one text, as a walk over the whole of it: retain, insert and delete steps whose retained and
/// deleted counts add up to the text's length. On the wire it is a JSON array: a positive number retains, a
/// negative number deletes, a string inserts — <c>[5, "ab", -3, 10]</c>. The operations on it (apply,
/// transform, compose, invert) live in Hub.Grains.Text.TextOps and, with the same meaning, in the browser
/// client's web/client/src/text/textOp.ts.
/// </summary>
[GenerateSerializer, Immutable, Alias("hub.text-op")]
[JsonConverter(typeof(TextOpJsonConverter))]
public sealed record TextOp([property: Id(0)] ImmutableArray<TextComponent> Components)
{
    public static TextOp Empty { get; } = new(ImmutableArray<TextComponent>.Empty);

    public ImmutableArray<TextComponent> Steps => Components.IsDefault ? [] : Components;

    public bool Equals(TextOp? other) => other is not null && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var c in Steps)
        {
            hash.Add(c);
        }

        return hash.ToHashCode();
    }

    /// <summary>The wire form, for messages and tests: <c>[5,"ab",-3]</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("[");
        foreach (var c in Steps)
        {
            if (text.Length > 1)
            {
                text.Append(',');
            }

            text.Append(c.IsInsert ? JsonSerializer.Serialize(c.Insert) : c.IsDelete ? $"-{c.Delete}" : $"{c.Retain}");
        }

        return text.Append(']').ToString();
    }
}

/// <summary>Reads and writes a <see cref="TextOp"/> as <c>[retain, "insert", -delete, …]</c>; anything else is malformed.
/// A count above <see cref="TextLimits.LengthMax"/> is read as one more than it, which no check accepts.</summary>
public sealed class TextOpJsonConverter : JsonConverter<TextOp>
{
    public override TextOp Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("A text operation is an array of numbers and strings.");
        }

        var components = ImmutableArray.CreateBuilder<TextComponent>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Number when reader.TryGetInt64(out var n) && n != 0:
                    // Any size beyond the limit is refused by the grain with a code; clamped, no negation or
                    // narrowing of it can wrap around (-int.MinValue is int.MinValue).
                    var size = (int)Math.Min(Math.Abs(Math.Max(n, -long.MaxValue)), TextLimits.LengthMax + 1L);
                    components.Add(n > 0 ? TextComponent.RetainOf(size) : TextComponent.DeleteOf(size));
                    break;
                case JsonTokenType.String when reader.GetString() is { Length: > 0 } s:
                    components.Add(TextComponent.InsertOf(s));
                    break;
                default:
                    throw new JsonException("A text operation step is a non-zero whole number or a non-empty string.");
            }
        }

        return new TextOp(components.ToImmutable());
    }

    public override void Write(Utf8JsonWriter writer, TextOp value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var c in value.Steps)
        {
            if (c.IsInsert)
            {
                writer.WriteStringValue(c.Insert);
            }
            else
            {
                writer.WriteNumberValue(c.IsDelete ? -c.Delete : c.Retain);
            }
        }

        writer.WriteEndArray();
    }
}
