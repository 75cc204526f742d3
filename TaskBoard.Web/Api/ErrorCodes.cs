using System.Collections.Frozen;

namespace TaskBoard.Web.Api;

/// <summary>
/// The stable error codes every problem+json response carries, and the one mapping from code to the
/// sentence a person reads (in the API's <c>detail</c> and in the browser alike).
/// </summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string MalformedRequest = "malformed_request";
    public const string InvalidCredentials = "invalid_credentials";
    public const string AccountLocked = "account_locked";
    public const string EmailTaken = "email_taken";
    public const string EmailNotVerified = "email_not_verified";
    public const string AccountDisabled = "account_disabled";
    public const string MfaRequired = "mfa_required";
    public const string MfaExpired = "mfa_expired";
    public const string InvalidCode = "invalid_code";
    public const string TwoFactorAlreadyEnabled = "two_factor_already_enabled";
    public const string TokenMissing = "token_missing";
    public const string TokenInvalid = "token_invalid";
    public const string TokenExpired = "token_expired";
    public const string SessionRevoked = "session_revoked";
    public const string SessionExpired = "session_expired";
    public const string Forbidden = "forbidden";
    public const string InsufficientScope = "insufficient_scope";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string PreconditionFailed = "precondition_failed";
    public const string IdempotencyKeyReused = "idempotency_key_reused";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UnsupportedMediaType = "unsupported_media_type";
    public const string RateLimited = "rate_limited";
    public const string BadRequest = "bad_request";
    public const string InternalError = "internal_error";
    public const string ServiceUnavailable = "service_unavailable";

    private static readonly FrozenDictionary<string, (string Title, string Message)> Catalog = new Dictionary<string, (string, string)>
    {
        [ValidationFailed] = ("Validation failed", "Some fields need attention."),
        [MalformedRequest] = ("Malformed request", "The request body is not valid JSON of the expected shape."),
        [InvalidCredentials] = ("Invalid credentials", "That email and password do not match an account."),
        [AccountLocked] = ("Too many attempts", "Too many failed sign-in attempts for this email address. Wait a few minutes and try again."),
        [EmailTaken] = ("Email taken", "An account with that email already exists. Sign in instead."),
        [EmailNotVerified] = ("Email not confirmed", "Confirm your email address first: open the link we sent you, or ask for a new one."),
        [AccountDisabled] = ("Account disabled", "This account has been disabled by an administrator. Ask them to enable it again."),
        [MfaRequired] = ("Two-factor code required", "The password is right. Now enter the code from your authenticator app, or a recovery code."),
        [MfaExpired] = ("Sign-in step expired", "This sign-in step has expired or was already used. Sign in with your password again."),
        [InvalidCode] = ("Invalid code", "That code is not right. Enter the current code from your authenticator app, or an unused recovery code."),
        [TwoFactorAlreadyEnabled] = ("Two-factor sign-in is on", "Two-factor sign-in is already on. Turn it off first to set up another app."),
        [TokenMissing] = ("Authentication required", "Sign in and send the token as 'Authorization: Bearer <token>'."),
        [TokenInvalid] = ("Invalid token", "The token is not valid. Sign in again to get a new one."),
        [TokenExpired] = ("Token expired", "The token has expired. Sign in again to get a new one."),
        [SessionRevoked] = ("Session ended", "This session was signed out or revoked. Sign in again."),
        [SessionExpired] = ("Session expired", "This session has expired. Sign in again."),
        [Forbidden] = ("Forbidden", "You are not allowed to do that."),
        [InsufficientScope] = ("Insufficient scope", "This token is not allowed to do that. Create a token with the scope it needs."),
        [NotFound] = ("Not found", "There is nothing here."),
        [MethodNotAllowed] = ("Method not allowed", "This address does not accept that method."),
        [PreconditionFailed] = ("Precondition failed", "The task changed since you loaded it. Reload it, then make your change again."),
        [IdempotencyKeyReused] = ("Idempotency key reused", "This Idempotency-Key already created a different task. Use a new key for a new task."),
        [PayloadTooLarge] = ("Payload too large", "The request body is larger than 64 KiB."),
        [UnsupportedMediaType] = ("Unsupported media type", "Send the body as application/json."),
        [RateLimited] = ("Too many requests", "Too many requests from here. Wait a moment and try again."),
        [BadRequest] = ("Bad request", "The request could not be understood."),
        [InternalError] = ("Internal error", "Something went wrong on our side. Try again."),
        [ServiceUnavailable] = ("Service unavailable", "TaskBoard cannot reach its database right now. Try again shortly."),
    }.ToFrozenDictionary();

    /// <summary>The sentence shown to a person for <paramref name="code"/>.</summary>
    public static string Message(string code) => Catalog.TryGetValue(code, out var entry) ? entry.Message : Catalog[InternalError].Message;

    /// <summary>
    /// The sentence for a code whose condition passes (a lockout, a rate limit), with the wait spelled
    /// out: "Too many requests from here. Try again in 40 seconds."
    /// </summary>
    public static string MessageWithWait(string code, TimeSpan wait)
    {
        var message = Message(code);
        var firstSentence = message[..(message.IndexOf(". ", StringComparison.Ordinal) is var end and > 0 ? end + 1 : message.Length)];
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var minutes = (int)Math.Ceiling(seconds / 60.0);
        var phrase = seconds < 60 ? $"{seconds} second{(seconds == 1 ? "" : "s")}" : $"{minutes} minute{(minutes == 1 ? "" : "s")}";
        return $"{firstSentence} Try again in {phrase}.";
    }

    public static string Title(string code) => Catalog.TryGetValue(code, out var entry) ? entry.Title : Catalog[InternalError].Title;

    public static bool IsKnown(string code) => Catalog.ContainsKey(code);

    /// <summary>Every code, in a stable order.</summary>
    public static IEnumerable<string> All => Catalog.Keys.Order(StringComparer.Ordinal);

    /// <summary>The code for a bare status produced by the framework (routing, body size, content type).</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => BadRequest,
        StatusCodes.Status401Unauthorized => TokenMissing,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status412PreconditionFailed => PreconditionFailed,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => RateLimited,
        StatusCodes.Status503ServiceUnavailable => ServiceUnavailable,
        _ => InternalError,
    };
}
