namespace Orleans.Inference.ApiHost.Auth;

/// <summary>Why a request's key was not accepted: each has its own 401 message, code and <c>WWW-Authenticate</c> error.</summary>
internal enum KeyRefusal
{
    /// <summary>No Authorization header.</summary>
    Missing,

    /// <summary>An Authorization header that is not one <c>Bearer {key}</c>.</summary>
    Malformed,

    /// <summary>A bearer token that is no configured key.</summary>
    Incorrect,
}
