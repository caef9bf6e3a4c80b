using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Orleans.Inference.ApiHost.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer {key}</c> against the configured keys; answers a missing, malformed or wrong
/// key with 401 and <c>WWW-Authenticate: Bearer</c>, and an inference key on the admin API with 403, in OpenAI's error
/// shape. One handler per request.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRing keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Bearer = "Bearer";

    // Failure messages are fixed texts: the framework logs them, so they never carry what the client sent.
    private static readonly Task<AuthenticateResult> Missing = Task.FromResult(AuthenticateResult.NoResult());
    private static readonly Task<AuthenticateResult> Malformed = Task.FromResult(AuthenticateResult.Fail("Malformed Authorization header."));
    private static readonly Task<AuthenticateResult> Incorrect = Task.FromResult(AuthenticateResult.Fail("Incorrect API key."));

    private KeyRefusal _refusal;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization;
        if (header.Count == 0) return Refuse(KeyRefusal.Missing, Missing);
        if (header.Count > 1 || !TryReadBearer(header[0], out var key)) return Refuse(KeyRefusal.Malformed, Malformed);
        if (keys.Find(key) is not { } principal) return Refuse(KeyRefusal.Incorrect, Incorrect);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await HandleAuthenticateOnceSafeAsync(); // sets _refusal, if no one authenticated this request yet
        // RFC 6750: no error code when the client sent no credentials at all.
        Response.Headers.WWWAuthenticate = _refusal switch
        {
            KeyRefusal.Malformed => $"{Bearer} error=\"invalid_request\"",
            KeyRefusal.Incorrect => $"{Bearer} error=\"invalid_token\"",
            _ => Bearer,
        };
        await AuthErrors.Unauthorized(_refusal).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{Bearer} error=\"insufficient_scope\"";
        return AuthErrors.Forbidden().ExecuteAsync(Context);
    }

    private Task<AuthenticateResult> Refuse(KeyRefusal refusal, Task<AuthenticateResult> result)
    {
        _refusal = refusal;
        return result;
    }

    /// <summary>Exactly <c>Bearer {key}</c> (the scheme in any case, spaces around the key ignored); the key has no spaces.</summary>
    private static bool TryReadBearer(string? header, out ReadOnlySpan<char> key)
    {
        key = default;
        var value = header.AsSpan().Trim();
        if (value.Length <= Bearer.Length || !value.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) || value[Bearer.Length] != ' ')
            return false;
        key = value[Bearer.Length..].Trim();
        return key.Length > 0 && !key.ContainsAny(' ', '\t');
    }
}
