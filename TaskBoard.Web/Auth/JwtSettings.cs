using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using TaskBoard.Data;

namespace TaskBoard.Web.Auth;

/// <summary>One key of <c>Auth:Jwt:Keys</c>: an id (the tokens' <c>kid</c>) and an HS256 secret.</summary>
public sealed class JwtKeyOptions
{
    public string? Id { get; set; }

    public string? Secret { get; set; }
}

/// <summary>
/// The <c>Auth:Jwt</c> configuration section, bound and checked at startup: what is configured, and
/// from it the signing key and every key that validates (the secrets themselves are not kept).
/// </summary>
public sealed class JwtSettings
{
    public const string Section = "Auth:Jwt";

    /// <summary>HS256 signing secret, at least 32 bytes (UTF-8). <c>BETTER_AUTH_SECRET</c> is read when this is unset.</summary>
    public string? Secret { get; set; }

    /// <summary>A key ring instead of <see cref="Secret"/>: the first key signs, every key validates.</summary>
    public List<JwtKeyOptions> Keys { get; set; } = [];

    public string Issuer { get; set; } = "taskboard";

    public string Audience { get; set; } = "taskboard-api";

    /// <summary>How long a token from <c>/api/auth/sign-in</c> lasts.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The longest <c>exp - iat</c> accepted; personal access tokens must fit in it too.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromDays(366);

    /// <summary>The key new tokens are signed with (the first of the ring); its id is their <c>kid</c>.</summary>
    public SymmetricSecurityKey SigningKey => ValidationKeys[0];

    /// <summary>Every key a token may be signed with: during a rotation, the old ones until they are removed.</summary>
    public IReadOnlyList<SymmetricSecurityKey> ValidationKeys { get; private set; } = [];

    /// <summary>Set in Development when the secret was generated and kept in this file.</summary>
    public string? GeneratedSecretPath { get; private set; }

    public const string SecretKey = Section + ":Secret";
    public const string KeysKey = Section + ":Keys";

    /// <summary>The <c>kid</c> of tokens signed with the single <see cref="SecretKey"/>.</summary>
    public const string SingleKeyId = "default";
    public const string SecretAlias = "BETTER_AUTH_SECRET";
    public const int MinimumSecretBytes = 32;
    public const string SecretFileName = "jwt-secret";

    /// <summary>The token type in the JOSE header (RFC 9068 access token).</summary>
    public const string TokenType = "at+jwt";

    /// <summary>The largest clock difference tolerated for <c>exp</c> and <c>nbf</c>.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private const string HowToGenerate = "Generate one with `openssl rand -base64 48`.";

    /// <summary>Reads and checks <c>Auth:Jwt</c>; throws naming the key when something is wrong.</summary>
    public static JwtSettings FromConfiguration(IConfiguration configuration, IHostEnvironment environment, string dataDirectory)
    {
        var options = Settings.Bind<JwtSettings>(configuration, Section);
        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
        {
            throw new InvalidConfigurationException($"{Section}:Issuer and {Section}:Audience must not be empty.");
        }

        if (options.MaxLifetime <= TimeSpan.Zero || options.Lifetime <= TimeSpan.Zero || options.Lifetime > options.MaxLifetime)
        {
            throw new InvalidConfigurationException(
                $"{Section}:Lifetime ({options.Lifetime}) must be positive and at most {Section}:MaxLifetime ({options.MaxLifetime}).");
        }

        if (options.Keys.Count > 0)
        {
            return options.WithKeys(RingKeys(options), null);
        }

        var secret = options.Secret is { Length: > 0 } configured ? configured : configuration[SecretAlias];
        string? generatedPath = null;
        if (string.IsNullOrEmpty(secret))
        {
            if (!environment.IsDevelopment())
            {
                throw new InvalidConfigurationException(
                    $"{SecretKey} is not set. Set it (or the environment variable {SecretAlias}) to at least {MinimumSecretBytes} random bytes, " +
                    $"or list keys under {KeysKey}. {HowToGenerate}");
            }

            generatedPath = Path.Combine(dataDirectory, SecretFileName);
            secret = ReadOrCreateDevelopmentSecret(generatedPath);
        }

        return options.WithKeys([Key(SingleKeyId, secret, SecretKey)], generatedPath);
    }

    /// <summary>The keys made from the configured secrets, which are then forgotten.</summary>
    private JwtSettings WithKeys(IReadOnlyList<SymmetricSecurityKey> keys, string? generatedSecretPath)
    {
        ValidationKeys = keys;
        GeneratedSecretPath = generatedSecretPath;
        Secret = null;
        Keys = [.. Keys.Select(k => new JwtKeyOptions { Id = k.Id })];
        return this;
    }

    private static List<SymmetricSecurityKey> RingKeys(JwtSettings options)
    {
        if (!string.IsNullOrEmpty(options.Secret))
        {
            throw new InvalidConfigurationException(
                $"Set either {SecretKey} or {KeysKey}, not both: put the current secret into {KeysKey} with an id, then remove {SecretKey}.");
        }

        var keys = new List<SymmetricSecurityKey>();
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            var name = $"{KeysKey}:{i}";
            if (string.IsNullOrWhiteSpace(key.Id) || key.Id.Length > 64)
            {
                throw new InvalidConfigurationException($"{name}:Id is required (up to 64 characters), for example the month the key was made.");
            }

            if (keys.Any(k => k.KeyId == key.Id))
            {
                throw new InvalidConfigurationException($"{name}:Id '{key.Id}' is used by another key of {KeysKey}; each key needs its own id.");
            }

            if (string.IsNullOrEmpty(key.Secret))
            {
                throw new InvalidConfigurationException($"{name}:Secret is not set. {HowToGenerate}");
            }

            keys.Add(Key(key.Id, key.Secret, $"{name}:Secret"));
        }

        return keys;
    }

    private static SymmetricSecurityKey Key(string id, string secret, string configurationKey)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        if (bytes.Length < MinimumSecretBytes)
        {
            // The length only: never any part of the secret itself.
            throw new InvalidConfigurationException(
                $"{configurationKey} is {bytes.Length} bytes long; it must be at least {MinimumSecretBytes} bytes. {HowToGenerate}");
        }

        return new SymmetricSecurityKey(bytes) { KeyId = id };
    }

    private static string ReadOrCreateDevelopmentSecret(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, Encoding.ASCII, options))
        {
            writer.Write(secret);
        }

        return secret;
    }
}
