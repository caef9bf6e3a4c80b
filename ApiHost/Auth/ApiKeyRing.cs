using System.Buffers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Orleans.Inference.Generation;
using Orleans.Inference.Quotas;

namespace Orleans.Inference.ApiHost.Auth;

/// <summary>
/// The configured keys, kept only as SHA-256 hashes. A presented key is hashed and compared with every one of them in
/// constant time (<see cref="CryptographicOperations.FixedTimeEquals"/>), so neither its content nor its length shows in
/// how long the check takes.
/// </summary>
internal sealed class ApiKeyRing
{
    private const int StackLimit = 256;

    private readonly byte[][] _hashes;
    private readonly ClaimsPrincipal[] _principals;

    public ApiKeyRing(IOptions<AuthOptions> options)
    {
        var keys = options.Value.AllKeys().ToList();
        _hashes = keys.Select(entry => SHA256.HashData(Encoding.UTF8.GetBytes(entry.Key.Key))).ToArray();
        var identities = keys.Select(entry => new ApiKeyIdentity(
            entry.Name, entry.Admin, KeyLimits.Resolve(entry.Key, options.Value.RateLimits), new Tenant(entry.Name, entry.Key.Weight, entry.Key.Priority),
            new QuotaLimits(entry.Key.RequestsPerMinute, entry.Key.TokensPerMinute, entry.Key.TokensPerDay))).ToArray();
        _principals = Array.ConvertAll(identities, identity => new ClaimsPrincipal(identity));
        Identities = identities;
    }

    /// <summary>Every key's identity, inference keys first.</summary>
    public IReadOnlyList<ApiKeyIdentity> Identities { get; }

    /// <summary>Whether any key has a rate or concurrency limit: only then does the gateway run a rate limiter.</summary>
    public bool HasLimits => Identities.Any(identity => identity.Limits.IsLimited);

    /// <summary>The principal of the key presented, or null when it is none of them.</summary>
    public ClaimsPrincipal? Find(ReadOnlySpan<char> presented)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(presented, hash);
        ClaimsPrincipal? found = null;
        for (var i = 0; i < _hashes.Length; i++)
        {
            // No early exit: every key is compared, whichever matches.
            if (CryptographicOperations.FixedTimeEquals(hash, _hashes[i])) found = _principals[i];
        }

        return found;
    }

    private static void Hash(ReadOnlySpan<char> key, Span<byte> hash)
    {
        var length = Encoding.UTF8.GetMaxByteCount(key.Length);
        byte[]? rented = null;
        var utf8 = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(key, utf8);
            SHA256.HashData(utf8[..written], hash);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(utf8); // no copy of a key outlives the check
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
