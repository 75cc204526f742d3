using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Users;
using TaskBoard.Web.Api;
using TaskBoard.Web.Hosting;

namespace TaskBoard.Web.Auth;

public static class AuthEndpoints
{
    /// <summary>The <c>/api/auth</c> group: every request in it counts against the per-IP password limit.</summary>
    public static RouteGroupBuilder MapAuthGroup(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("/api/auth").WithTags("Auth").RequireAuthRateLimit();

    /// <summary><c>/api/auth</c>: sign-up, sign-in (and its two-factor step), sign-out, the current session, password change.</summary>
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapAuthGroup();
        group.MapPost("/sign-up", SignUpAsync).AllowAnonymous().WithName("signUp")
            .WithSummary("Create an account")
            .WithDescription("Creates the account and answers a bearer token for it; a link to confirm the address is emailed. " +
                "While Auth:RequireVerifiedEmail is on, there is no token until the address is confirmed (the token fields are null).")
            .ResponseHeaders(StatusCodes.Status201Created, ApiHeaders.Location)
            .Problems(StatusCodes.Status409Conflict);
        group.MapPost("/sign-in", SignInAsync).AllowAnonymous().WithName("signIn")
            .WithSummary("Sign in with email and password")
            .WithDescription("Answers a bearer token. With two-factor sign-in on, the answer is 401 mfa_required with an mfaToken for /api/auth/sign-in/2fa. " +
                "Repeated failures for an address answer 401 account_locked with Retry-After.")
            .ResponseHeaders(StatusCodes.Status401Unauthorized, ApiHeaders.RetryAfter)
            .Problems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        group.MapPost("/sign-in/2fa", SignInTwoFactorAsync).AllowAnonymous().WithName("signInTwoFactor")
            .WithSummary("Finish a two-factor sign-in")
            .WithDescription("The second step: the mfaToken from the sign-in's 401 mfa_required and a code from the authenticator app (or a recovery code).")
            .ResponseHeaders(StatusCodes.Status401Unauthorized, ApiHeaders.RetryAfter)
            .Problems(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
        group.MapPost("/sign-out", SignOutAsync).RequireAuthorization(AuthSetup.ApiPolicy).WithName("signOut")
            .WithSummary("Sign out")
            .WithDescription("Revokes the session of the token used; it stops working at once.");
        group.MapGet("/session", GetSessionAsync).RequireAuthorization(AuthSetup.ApiPolicy).WithName("getCurrentSession")
            .WithSummary("Who is signed in")
            .WithDescription("The signed-in user and the session of the token used.");
        group.MapPost("/password", ChangePasswordAsync).RequireAuthorization(AuthSetup.ApiPolicy).RequireScope(Scopes.Account).WithName("changePassword")
            .WithSummary("Change the password")
            .WithDescription("Needs the current password; every other session and token is revoked.")
            .ResponseHeaders(StatusCodes.Status401Unauthorized, ApiHeaders.RetryAfter);
        return group;
    }

    private static async Task<Results<Created<AuthResponse>, ProblemHttpResult>> SignUpAsync(
        SignUpRequest request, AccountService accounts, TokenIssuer tokens, JwtSettings jwt, HttpContext http)
    {
        var result = await accounts.SignUpAsync(
            request.Email, request.Password, request.Name, SessionKind.Api, jwt.Lifetime, http.Client(), http.LinkBase(), http.RequestAborted);
        return result.Outcome switch
        {
            AccountOutcome.Ok => TypedResults.Created("/api/auth/session", Respond(tokens, result)),
            AccountOutcome.EmailTaken => ApiProblem.Result(StatusCodes.Status409Conflict, ErrorCodes.EmailTaken),
            _ => ApiProblem.Validation(result.Errors!),
        };
    }

    private static async Task<Results<Ok<AuthResponse>, ProblemHttpResult>> SignInAsync(
        SignInRequest request, AccountService accounts, TokenIssuer tokens, JwtSettings jwt, TimeProvider time, HttpContext http) =>
        SignedIn(await accounts.SignInAsync(request.Email, request.Password, SessionKind.Api, jwt.Lifetime, http.Client(), http.RequestAborted), tokens, time, http);

    private static async Task<Results<Ok<AuthResponse>, ProblemHttpResult>> SignInTwoFactorAsync(
        TwoFactorSignInRequest request, AccountService accounts, TokenIssuer tokens, JwtSettings jwt, TimeProvider time, HttpContext http) =>
        SignedIn(await accounts.CompleteTwoFactorAsync(request.MfaToken, request.Code, SessionKind.Api, jwt.Lifetime, http.Client(), http.RequestAborted),
            tokens, time, http);

    /// <summary>Every sign-in answer: the token, or why not (with what the client needs to go on).</summary>
    private static Results<Ok<AuthResponse>, ProblemHttpResult> SignedIn(
        AccountResult result, TokenIssuer tokens, TimeProvider time, HttpContext http) => result.Outcome switch
        {
            AccountOutcome.Ok => TypedResults.Ok(Respond(tokens, result)),
            AccountOutcome.Invalid => ApiProblem.Validation(result.Errors!),
            AccountOutcome.LockedOut => LockedOut(result, time, http),
            AccountOutcome.TwoFactorRequired => ApiProblem.Result(StatusCodes.Status401Unauthorized, ErrorCodes.MfaRequired, "mfaToken", result.MfaToken),
            AccountOutcome.TwoFactorExpired => ApiProblem.Result(StatusCodes.Status401Unauthorized, ErrorCodes.MfaExpired),
            AccountOutcome.InvalidCode => ApiProblem.Result(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCode),
            AccountOutcome.EmailNotVerified => ApiProblem.Result(StatusCodes.Status403Forbidden, ErrorCodes.EmailNotVerified),
            AccountOutcome.Disabled => ApiProblem.Result(StatusCodes.Status403Forbidden, ErrorCodes.AccountDisabled),
            _ => ApiProblem.Result(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials),
        };

    private static async Task<NoContent> SignOutAsync(SessionService sessions, HttpContext http)
    {
        await sessions.RevokeAsync(http.User.UserId(), http.User.SessionId(), AuditKinds.SignOut, http.Client(), http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<CurrentSessionResponse>, ProblemHttpResult>> GetSessionAsync(
        SessionService sessions, UserManager<AppUser> users, HttpContext http)
    {
        var userId = http.User.UserId();
        var sessionId = http.User.SessionId();
        var user = await users.FindByIdAsync(userId.ToString());
        var session = await sessions.GetAsync(userId, sessionId, http.RequestAborted);
        return user is null || session is null
            ? ApiProblem.Result(StatusCodes.Status401Unauthorized, ErrorCodes.SessionRevoked)
            : TypedResults.Ok(new CurrentSessionResponse(UserResponse.From(user), SessionResponse.From(session, sessionId)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest request, AccountService accounts, TimeProvider time, HttpContext http)
    {
        var result = await accounts.ChangePasswordAsync(
            http.User.UserId(), http.User.SessionId(), request.CurrentPassword, request.NewPassword, http.Client(), http.RequestAborted);
        return result.Outcome switch
        {
            AccountOutcome.Ok => TypedResults.NoContent(),
            AccountOutcome.Invalid => ApiProblem.Validation(result.Errors!),
            AccountOutcome.LockedOut => LockedOut(result, time, http),
            _ => ApiProblem.Validation(new Dictionary<string, string[]> { ["currentPassword"] = ["The current password is not correct."] }),
        };
    }

    /// <summary>Too many recent failures for this address: 401 with the wait, in words and as <c>Retry-After</c>.</summary>
    private static ProblemHttpResult LockedOut(AccountResult result, TimeProvider time, HttpContext http)
    {
        var wait = (result.LockedUntil ?? time.GetUtcNow().UtcDateTime) - time.GetUtcNow().UtcDateTime;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return ApiProblem.Result(StatusCodes.Status401Unauthorized, ErrorCodes.AccountLocked, ErrorCodes.MessageWithWait(ErrorCodes.AccountLocked, wait));
    }

    /// <summary>The account and, when a session was opened, its token.</summary>
    private static AuthResponse Respond(TokenIssuer tokens, AccountResult result) => result.Session is { } session
        ? new(UserResponse.From(result.User!), tokens.Issue(result.User!, session), "Bearer", session.ExpiresAt)
        : new(UserResponse.From(result.User!), null, null, null);
}
