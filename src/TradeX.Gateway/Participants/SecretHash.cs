using System.Globalization;
using System.Security.Cryptography;

namespace TradeX.Gateway.Participants;

/// <summary>
/// Participant secrets are stored only as salted PBKDF2-HMAC-SHA256 hashes, in the form
/// <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (salt and hash in base64). Verification derives the hash
/// of the presented secret with the stored salt and iterations and compares in constant time.
/// </summary>
public static class SecretHash
{
    public const string Scheme = "pbkdf2-sha256";
    public const int DefaultIterations = 100_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>Hashes <paramref name="secret"/> with a fresh random salt.</summary>
    public static string Create(ReadOnlySpan<byte> secret, int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        Span<byte> salt = stackalloc byte[SaltBytes];
        RandomNumberGenerator.Fill(salt);
        Span<byte> hash = stackalloc byte[HashBytes];
        Rfc2898DeriveBytes.Pbkdf2(secret, salt, hash, iterations, HashAlgorithmName.SHA256);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Hashes the UTF-8 bytes of <paramref name="secret"/>.</summary>
    public static string Create(string secret, int iterations = DefaultIterations) => Create(System.Text.Encoding.UTF8.GetBytes(secret), iterations);

    /// <summary>Checks that <paramref name="encoded"/> is a well-formed hash; <paramref name="error"/> says what is wrong.</summary>
    public static bool IsWellFormed(string encoded, out string error) => TryParse(encoded, out _, out _, out _, out error);

    /// <summary>True when <paramref name="presented"/> hashes to <paramref name="encoded"/>; false also for a malformed hash.</summary>
    public static bool Verify(ReadOnlySpan<byte> presented, string encoded)
    {
        if (!TryParse(encoded, out int iterations, out byte[] salt, out byte[] expected, out _)) return false;
        Span<byte> actual = stackalloc byte[HashBytes];
        Rfc2898DeriveBytes.Pbkdf2(presented, salt, actual[..expected.Length], iterations, HashAlgorithmName.SHA256);
        return CryptographicOperations.FixedTimeEquals(actual[..expected.Length], expected);
    }

    private static bool TryParse(string encoded, out int iterations, out byte[] salt, out byte[] hash, out string error)
    {
        iterations = 0;
        salt = hash = [];
        string[] parts = encoded.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme)
        {
            error = $"expected {Scheme}$ITERATIONS$SALT$HASH";
            return false;
        }
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1)
        {
            error = $"iterations '{parts[1]}' is not a positive integer";
            return false;
        }
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            error = "salt or hash is not base64";
            return false;
        }
        if (salt.Length < 8 || hash.Length is < 16 or > HashBytes)
        {
            error = "salt must have at least 8 bytes and the hash 16 to 32";
            return false;
        }
        error = "";
        return true;
    }
}
