using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Users;
using TaskBoard.Web.Api;
using TaskBoard.Web.Hosting;

namespace TaskBoard.Web.Auth;

public static class RecoveryEndpoints
{
    /// <summary><c>/api/auth</c>: confirming the address, and getting back in by email.</summary>
    public static RouteGroupBuilder MapRecoveryApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapAuthGroup();
        group.MapPost("/verify-email", VerifyAsync).AllowAnonymous().WithName("verifyEmail")
            .WithSummary("Confirm the email address")
            .WithDescription("With the token from the link in the sign-up (or change-of-address) email.");
        group.MapPost("/verify-email/send", ResendAsync).RequireAuthorization(AuthSetup.ApiPolicy).RequireScope(Scopes.Account).WithName("resendVerificationEmail")
            .WithSummary("Email the confirmation link again")
            .WithDescription("At most once a minute: sooner is 429 with Retry-After. 204 when the address is already confirmed.")
            .Produces(StatusCodes.Status204NoContent);
        group.MapPost("/forgot-password", Forgot).AllowAnonymous().WithName("forgotPassword")
            .WithSummary("Email a password-reset link")
            .WithDescription("The link is valid once, for 30 minutes. The answer is the same whether or not the address has an account.");
        group.MapPost("/reset-password", ResetAsync).AllowAnonymous().WithName("resetPassword")
            .WithSummary("Set a new password from a reset link")
            .WithDescription("With the token from the reset link; every session and token of the account is revoked.");
        return group;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> VerifyAsync(VerifyEmailRequest request, EmailVerification verification, HttpContext http) =>
        await verification.ConfirmAsync(request.Token, http.Client(), http.RequestAborted)
            ? TypedResults.NoContent()
            : ApiProblem.Validation(new Dictionary<string, string[]> { ["token"] = ["This link has expired or was already used. Ask for a new one."] });

    private static async Task<Results<Accepted, NoContent, ProblemHttpResult>> ResendAsync(EmailVerification verification, HttpContext http)
    {
        switch (await verification.ResendAsync(http.User.UserId(), http.LinkBase(), http.RequestAborted))
        {
            case ResendOutcome.Sent:
                return TypedResults.Accepted((string?)null);
            case ResendOutcome.AlreadyVerified:
                return TypedResults.NoContent();
            default:
                http.Response.Headers.RetryAfter = ((int)EmailVerification.ResendPace.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return ApiProblem.Result(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, "A link went out less than a minute ago. Check your inbox, or try again in a minute.");
        }
    }

    private static Accepted Forgot(ForgotPasswordRequest request, PasswordResetRequests requests, HttpContext http)
    {
        requests.Enqueue(request.Email, http.LinkBase(), http.Client());
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ResetAsync(ResetPasswordRequest request, PasswordReset reset, HttpContext http)
    {
        var result = await reset.ResetAsync(request.Token, request.NewPassword, http.Client(), http.RequestAborted);
        return result.Succeeded ? TypedResults.NoContent() : ApiProblem.Validation(result.Errors!);
    }
}
