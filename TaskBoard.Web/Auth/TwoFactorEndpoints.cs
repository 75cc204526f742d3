using Microsoft.AspNetCore.Http.HttpResults;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Users;
using TaskBoard.Web.Api;

namespace TaskBoard.Web.Auth;

public static class TwoFactorEndpoints
{
    /// <summary><c>/api/auth/2fa</c>: turning two-factor sign-in on and off (sign-in tokens, or tokens with the account scope).</summary>
    public static RouteGroupBuilder MapTwoFactorApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapAuthGroup().MapGroup("/2fa").RequireAuthorization(AuthSetup.ApiPolicy).RequireScope(Scopes.Account);
        group.MapPost("/setup", SetupAsync).WithName("setUpTwoFactor")
            .WithSummary("Start setting up two-factor sign-in")
            .WithDescription("A new authenticator key, as text and as an otpauth:// URI for a QR code; nothing changes until /enable.")
            .Problems(StatusCodes.Status409Conflict);
        group.MapPost("/enable", EnableAsync).WithName("enableTwoFactor")
            .WithSummary("Turn two-factor sign-in on")
            .WithDescription("With a code from the app; answers the ten recovery codes, shown once.");
        group.MapPost("/disable", DisableAsync).WithName("disableTwoFactor")
            .WithSummary("Turn two-factor sign-in off")
            .WithDescription("With a code from the app, a recovery code, or the password.");
        group.MapPost("/recovery-codes", RegenerateAsync).WithName("regenerateRecoveryCodes")
            .WithSummary("Get new recovery codes")
            .WithDescription("Ten new recovery codes (the old ones stop working), with a code from the app.");
        return group;
    }

    private static async Task<Results<Ok<AuthenticatorSetupResponse>, ProblemHttpResult>> SetupAsync(TwoFactor twoFactor, HttpContext http) =>
        await twoFactor.StartAsync(http.User.UserId()) is { } setup
            ? TypedResults.Ok(new AuthenticatorSetupResponse(setup.SharedKey, setup.OtpauthUri))
            : ApiProblem.Result(StatusCodes.Status409Conflict, ErrorCodes.TwoFactorAlreadyEnabled);

    private static async Task<Results<Ok<RecoveryCodesResponse>, ProblemHttpResult>> EnableAsync(
        TwoFactorCodeRequest request, TwoFactor twoFactor, HttpContext http) =>
        await twoFactor.EnableAsync(http.User.UserId(), request.Code, http.Client(), http.RequestAborted) is { } codes
            ? TypedResults.Ok(new RecoveryCodesResponse(codes))
            : WrongCode("Enter the current code from your authenticator app (after /setup).");

    private static async Task<Results<NoContent, ProblemHttpResult>> DisableAsync(TwoFactorCodeRequest request, TwoFactor twoFactor, HttpContext http) =>
        await twoFactor.DisableAsync(http.User.UserId(), request.Code, http.Client(), http.RequestAborted)
            ? TypedResults.NoContent()
            : WrongCode("Enter a code from your authenticator app, a recovery code, or your password.");

    private static async Task<Results<Ok<RecoveryCodesResponse>, ProblemHttpResult>> RegenerateAsync(
        TwoFactorCodeRequest request, TwoFactor twoFactor, HttpContext http) =>
        await twoFactor.RegenerateRecoveryCodesAsync(http.User.UserId(), request.Code, http.Client(), http.RequestAborted) is { } codes
            ? TypedResults.Ok(new RecoveryCodesResponse(codes))
            : WrongCode("Enter the current code from your authenticator app.");

    private static ProblemHttpResult WrongCode(string message) => ApiProblem.Validation(new Dictionary<string, string[]> { ["code"] = [message] });
}
