using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Hub.Contracts.Partnerships;
using Hub.Grains.Partnerships;

namespace Hub.Runtime.Storage;

/// <summary>
/// The directory's table (hub_partnership_directory, migrations 0003 PostgreSQL / 0002 SQLite) with the same SQL on
/// both engines: text in lower case for search and sort, times as Unix milliseconds, every value a parameter.
/// </summary>
public sealed class SqlPartnershipDirectoryStore(HubDatabase database) : IPartnershipDirectoryStore
{
    private const string Columns = "id, name, municipality, area, status, members, created_at, last_activity";

    public async Task Put(IReadOnlyCollection<PartnershipListing> listings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(listings);
        if (listings.Count == 0)
        {
            return;
        }

        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            """
            INSERT INTO hub_partnership_directory (id, name, name_key, municipality, municipality_key, area, status, members, created_at)
            VALUES (@id, @name, @name_key, @municipality, @municipality_key, @area, @status, @members, @created_at)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key,
                municipality = excluded.municipality, municipality_key = excluded.municipality_key,
                area = excluded.area, status = excluded.status, members = excluded.members, created_at = excluded.created_at;
            """;
        var parameters = new[] { "id", "name", "name_key", "municipality", "municipality_key", "area", "status", "members", "created_at" }
            .Select(name => Add(command, name, DBNull.Value)).ToArray();
        foreach (var l in listings)
        {
            object[] values = [Key(l.Id), l.Name, Fold(l.Name), l.Municipality, Fold(l.Municipality), (int)l.Area, (int)l.Status, l.Members, l.CreatedAt.ToUnixTimeMilliseconds()];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i];
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task Touch(Guid partnershipId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "UPDATE hub_partnership_directory SET last_activity = @at WHERE id = @id AND (last_activity IS NULL OR last_activity < @at);";
        Add(command, "id", Key(partnershipId));
        Add(command, "at", at.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<(ImmutableArray<StoredListing> Rows, int Total)> Search(DirectoryQuery query, DateTimeOffset dormantBefore,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = database.CreateConnection();
        await connection.OpenAsync(cancellationToken);

        await using var count = connection.CreateCommand();
        var where = Where(count, query, dormantBefore);
        count.CommandText = $"SELECT COUNT(*) FROM hub_partnership_directory{where};";
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        await using var page = connection.CreateCommand();
        where = Where(page, query, dormantBefore);
        var direction = query.Descending ? "DESC" : "ASC";
        var order = query.Sort switch
        {
            DirectorySort.Municipality => ["municipality_key", "name_key"],
            DirectorySort.Members => ["members", "name_key"],
            DirectorySort.LastActivity => ["COALESCE(last_activity, created_at)", "name_key"],
            _ => new[] { "name_key" },
        };
        page.CommandText =
            $"SELECT {Columns} FROM hub_partnership_directory{where} " +
            $"ORDER BY {string.Join(", ", order.Append("id").Select(c => $"{c} {direction}"))} LIMIT @limit OFFSET @offset;";
        Add(page, "limit", query.PageSize);
        Add(page, "offset", (long)(query.Page - 1) * query.PageSize);

        var rows = ImmutableArray.CreateBuilder<StoredListing>();
        await using var reader = await page.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StoredListing(
                new PartnershipListing(
                    Guid.Parse(reader.GetString(0)), reader.GetString(1), reader.GetString(2),
                    (PartnershipArea)reader.GetInt32(3), (PartnershipStatus)reader.GetInt32(4), reader.GetInt32(5),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))),
                await reader.IsDBNullAsync(7, cancellationToken) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7))));
        }

        return (rows.ToImmutable(), total);
    }

    /// <summary>The search as a WHERE clause whose every value is a parameter of <paramref name="command"/>.</summary>
    private static string Where(DbCommand command, DirectoryQuery query, DateTimeOffset dormantBefore)
    {
        var conditions = new List<string>();
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            conditions.Add(@"(name_key LIKE @text ESCAPE '\' OR municipality_key LIKE @text ESCAPE '\')");
            Add(command, "text", $"%{EscapeLike(Fold(query.Text.Trim()))}%");
        }

        if (query.Area is { } area)
        {
            conditions.Add("area = @area");
            Add(command, "area", (int)area);
        }

        if (query.Status is { } status)
        {
            conditions.Add("status = @status");
            Add(command, "status", (int)status);
        }

        if (query.DormantOnly)
        {
            conditions.Add("COALESCE(last_activity, created_at) < @dormant_before");
            Add(command, "dormant_before", dormantBefore.ToUnixTimeMilliseconds());
        }

        return conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
    }

    private static string Key(Guid id) => id.ToString("D", CultureInfo.InvariantCulture);

    /// <summary>Lower case, the same in both engines (neither database is asked to fold Danish letters).</summary>
    private static string Fold(string text) => text.ToLowerInvariant();

    private static string EscapeLike(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '%' or '_')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
