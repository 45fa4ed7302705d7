using System.Net;
using System.Text;
using System.Xml.Linq;
using Hub.Runtime.Hosting;
using Hub.Runtime.Storage;
using Hub.Tests.Infrastructure;
using Hub.Web.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hub.Tests.Security;

/// <summary>
/// The keys that protect sign-in cookies are kept in the database, encrypted with a secret that is not: a copy of
/// the database alone reads no key and so cannot make or read a session cookie, while the node that has its secret
/// reads its keys after a restart.
/// </summary>
public sealed class KeyRingProtectionTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"hub-keys-{Guid.NewGuid():N}");

    private string DatabasePath => Path.Combine(_directory, "original", "hub.db");

    [Fact]
    public async Task Session_OnACopyOfTheDatabaseWithoutItsKeyFile_IsNotAccepted_ButAfterARestartWithIt_Is()
    {
        UserSession anna;
        await using (var node = await WebNode.StartEmbeddedAsync(DatabasePath))
        {
            anna = await node.SignUpAsync("Anna");
            Assert.Equal(HttpStatusCode.OK, (await anna.Http.GetAsync("/api/account/me")).StatusCode);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var copy = CopyDatabaseOnly();
        await using (var thief = await WebNode.StartEmbeddedAsync(copy))
        {
            // The copy holds the account and the key ring, but the ring's keys cannot be decrypted there.
            Assert.Equal(HttpStatusCode.Unauthorized, (await anna.On(thief).Http.GetAsync("/api/account/me")).StatusCode);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using (var restarted = await WebNode.StartEmbeddedAsync(DatabasePath))
        {
            Assert.Equal(HttpStatusCode.OK, (await anna.On(restarted).Http.GetAsync("/api/account/me")).StatusCode);
        }
    }

    [Fact]
    public async Task KeyRing_AsStoredInTheDatabase_HoldsNoKeyInTheClear()
    {
        await using (var node = await WebNode.StartEmbeddedAsync(DatabasePath))
        {
            await node.SignUpAsync("Anna");
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var rows = await HubDatabase.Sqlite(DatabasePath).QueryAsync("SELECT payload FROM hub_grain_state WHERE state_name = 'key-ring'");
        var stored = Encoding.UTF8.GetString((byte[])Assert.Single(rows)[0]!);

        Assert.Contains("<key id=", stored, StringComparison.Ordinal);
        Assert.Contains("encryptedSecret", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("masterKey", stored, StringComparison.Ordinal);
        Assert.True(File.Exists(KeyRingSecrets.KeyFileBeside(DatabasePath)));
    }

    [Fact]
    public async Task Repository_AKeyStoredInTheClearByAnEarlierVersion_IsNotUsed()
    {
        await using var node = await WebNode.StartEmbeddedAsync(DatabasePath);
        var repository = new GrainKeyRepository(node.Grains(), NullLogger.Instance);
        var id = Guid.NewGuid();
        var clear = XElement.Parse(
            $"<key id=\"{id}\" version=\"1\"><descriptor><descriptor><masterKey><value>c2VjcmV0</value></masterKey></descriptor></descriptor></key>");

        repository.StoreElement(clear, $"key-{id:D}");
        var read = repository.GetAllElements();

        Assert.NotEmpty(read);
        Assert.DoesNotContain(read, e => (string?)e.Attribute("id") == id.ToString());
        Assert.All(read.Where(e => e.Name.LocalName == "key"), e => Assert.Contains(e.Descendants(), d => d.Name.LocalName == "encryptedSecret"));
    }

    [Fact]
    public void Load_ClusterModeWithoutASecret_RefusesToStart_AndAMalformedSecretToo()
    {
        var cluster = new Dictionary<string, string?> { ["Hub:Mode"] = "Cluster", ["ConnectionStrings:Hub"] = "Host=127.0.0.1;Database=hub" };

        var missing = Assert.Throws<HubStartupException>(() => KeyRingSecrets.Load(Configuration(cluster)));
        var malformed = Assert.Throws<HubStartupException>(() =>
            KeyRingSecrets.Load(Configuration(new(cluster) { ["Hub:DataProtection:Keys:0"] = "c2hvcnQ=" })));
        var configured = KeyRingSecrets.Load(Configuration(new(cluster)
        {
            ["Hub:DataProtection:Keys:0"] = TestKeyRingSecret.Value,
            ["Hub:DataProtection:Keys:1"] = Convert.ToBase64String(new byte[32]),
        }));

        Assert.Contains("Hub:DataProtection:Keys:0", missing.Message, StringComparison.Ordinal);
        Assert.Contains("32 random bytes", malformed.Message, StringComparison.Ordinal);
        Assert.Equal(2, configured.Secrets.Count);
        Assert.Equal(Convert.FromBase64String(TestKeyRingSecret.Value), configured.Current);
    }

    [Fact]
    public void Load_EmbeddedModeWithoutASecret_GeneratesOneBesideTheDatabaseOnce_ReadableOnlyByItsOwner()
    {
        var embedded = new Dictionary<string, string?> { ["Hub:Mode"] = "Embedded", ["Hub:Embedded:DatabasePath"] = DatabasePath };

        var first = KeyRingSecrets.Load(Configuration(embedded));
        var second = KeyRingSecrets.Load(Configuration(embedded));

        var file = KeyRingSecrets.KeyFileBeside(DatabasePath);
        Assert.Equal(file, first.GeneratedFile);
        Assert.Null(second.GeneratedFile);
        Assert.Equal(first.Current, second.Current);
        Assert.Equal(32, first.Current.Length);
        Assert.Equal(Path.GetDirectoryName(Path.GetFullPath(DatabasePath)), Path.GetDirectoryName(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    /// <summary>What a person who copies the database takes: hub.db and its write-ahead log, not the key file.</summary>
    private string CopyDatabaseOnly()
    {
        var copy = Path.Combine(_directory, "copy", "hub.db");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(DatabasePath + suffix))
            {
                File.Copy(DatabasePath + suffix, copy + suffix);
            }
        }

        return copy;
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
