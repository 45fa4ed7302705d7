using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Hub.Runtime;
using Hub.Runtime.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Hub.Web.Security;

/// <summary>
/// The keys that sign and encrypt cookies are kept in grain storage (<see cref="GrainKeyRepository"/>), so a copy
/// of the database would be enough to forge any session. Each key is therefore encrypted (AES-256-GCM) with a
/// secret that is never in the database: configured (Hub:DataProtection:Keys, the first encrypts, all decrypt, so
/// the secret can be rotated), or in embedded mode generated into a file beside the database. Decision 007.
/// </summary>
public static class KeyRingProtection
{
    public const string Section = "Hub:DataProtection";

    public static IServiceCollection AddHubDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var secrets = KeyRingSecrets.Load(configuration);
        services.AddSingleton(secrets);
        // Cookies must be readable by every web node: one key ring, kept in grain storage.
        services.AddDataProtection().SetApplicationName("hub");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IGrainFactory, ILoggerFactory>((o, grains, logs) =>
            {
                var log = logs.CreateLogger(typeof(KeyRingProtection));
                o.XmlRepository = new GrainKeyRepository(grains, log);
                o.XmlEncryptor = new KeyRingEncryptor(secrets);
                if (secrets.GeneratedFile is { } file)
                {
                    log.LogWarning("Generated the secret that encrypts the cookie key ring: {KeyFile}. Keep it apart from database backups; without it every session ends", file);
                }
            });
        return services;
    }
}

/// <summary>The configured secrets (32 bytes each), the first being the one that encrypts new keys.</summary>
public sealed class KeyRingSecrets
{
    private const int SecretBytes = 32;

    private KeyRingSecrets(IReadOnlyList<byte[]> secrets, string? generatedFile)
    {
        Secrets = secrets;
        GeneratedFile = generatedFile;
    }

    public IReadOnlyList<byte[]> Secrets { get; }

    /// <summary>Where a secret was generated at this start (embedded mode, first run), else null.</summary>
    public string? GeneratedFile { get; }

    public byte[] Current => Secrets[0];

    /// <summary>A short name of a secret, stored with what it encrypted, so the right one decrypts it.</summary>
    public static string IdOf(byte[] secret) => Convert.ToHexString(SHA256.HashData(secret), 0, 8);

    public byte[]? Find(string id) => Secrets.FirstOrDefault(s => IdOf(s) == id);

    public static KeyRingSecrets Load(IConfiguration configuration)
    {
        var configured = configuration.GetSection($"{KeyRingProtection.Section}:Keys").GetChildren()
            .Select(c => c.Value).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => Parse(v!)).ToList();
        if (configured.Count > 0)
        {
            return new KeyRingSecrets(configured, null);
        }

        var settings = HubSettings.Read(configuration);
        if (settings.Mode != HubMode.Embedded)
        {
            throw new HubStartupException(
                $"Cluster mode needs {KeyRingProtection.Section}:Keys:0 (Hub__DataProtection__Keys__0), the same on every web node: " +
                "a secret of 32 random bytes in base64 (openssl rand -base64 32). It encrypts the cookie keys kept in the database.");
        }

        var file = KeyFileBeside(configuration.GetSection($"{HubOptions.Section}:Embedded").Get<EmbeddedOptions>()?.DatabasePath ?? new EmbeddedOptions().DatabasePath);
        if (File.Exists(file))
        {
            return new KeyRingSecrets([Parse(File.ReadAllText(file).Trim())], null);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var secret = RandomNumberGenerator.GetBytes(SecretBytes);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(file, Encoding.ASCII, options))
        {
            writer.WriteLine(Convert.ToBase64String(secret));
        }

        return new KeyRingSecrets([secret], file);
    }

    /// <summary>hub.db → hub.db.key: in the same folder (one volume to mount) but a file of its own, so a copy of
    /// the database file alone does not carry it.</summary>
    public static string KeyFileBeside(string databasePath) => Path.GetFullPath(databasePath + ".key");

    private static byte[] Parse(string value)
    {
        try
        {
            var bytes = Convert.FromBase64String(value.Trim());
            if (bytes.Length == SecretBytes)
            {
                return bytes;
            }
        }
        catch (FormatException)
        {
        }

        throw new HubStartupException(
            $"{KeyRingProtection.Section}:Keys must be {SecretBytes} random bytes in base64 (openssl rand -base64 32).");
    }
}

/// <summary>Encrypts a data-protection key with the current secret before it is stored.</summary>
public sealed class KeyRingEncryptor(KeyRingSecrets secrets) : IXmlEncryptor
{
    public const string ElementName = "hubSealed";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var secret = secrets.Current;
        var id = KeyRingSecrets.IdOf(secret);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(secret, TagBytes))
        {
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes, plaintext.Length), sealedBytes.AsSpan(NonceBytes + plaintext.Length), AssociatedData(id));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        return new EncryptedXmlInfo(new XElement(ElementName, new XAttribute("secret", id), Convert.ToBase64String(sealedBytes)), typeof(KeyRingDecryptor));
    }

    internal static byte[] AssociatedData(string id) => Encoding.ASCII.GetBytes($"hub data-protection key ring {id}");
}

/// <summary>
/// Decrypts a stored key with whichever configured secret encrypted it. The key manager creates it by its type name
/// (kept in the stored key) with the service provider.
/// </summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var id = (string?)encryptedElement.Attribute("secret") ?? "";
        var secret = services.GetRequiredService<KeyRingSecrets>().Find(id)
            ?? throw new CryptographicException($"The cookie key was encrypted with secret {id}, which is not configured ({KeyRingProtection.Section}:Keys).");
        var sealedBytes = Convert.FromBase64String(encryptedElement.Value);
        if (sealedBytes.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("The stored cookie key is truncated.");
        }

        var length = sealedBytes.Length - NonceBytes - TagBytes;
        var plaintext = new byte[length];
        using (var aes = new AesGcm(secret, TagBytes))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, length), sealedBytes.AsSpan(NonceBytes + length), plaintext, KeyRingEncryptor.AssociatedData(id));
        }

        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
