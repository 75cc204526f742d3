using System.Reflection;
using TaskBoard.Web.Api;

namespace TaskBoard.Tests.Api;

/// <summary>The one mapping from error codes to what people read, shared by the API and the UI.</summary>
public sealed class ErrorCodeMappingTests
{
    private static IEnumerable<string> AllCodes() => typeof(ErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void EveryCodeIsSnakeCaseAndHasItsOwnTitleAndSentence()
    {
        var codes = AllCodes().ToList();

        Assert.True(codes.Count >= 15);
        Assert.All(codes, code =>
        {
            Assert.Matches("^[a-z]+(_[a-z]+)*$", code);
            Assert.True(ErrorCodes.IsKnown(code), code);
            Assert.EndsWith(".", ErrorCodes.Message(code));
        });
        Assert.Equal(codes.Count, codes.Select(ErrorCodes.Message).Distinct().Count());
    }

    [Fact]
    public void TheSentencesPeopleSeeForSignInProblemsSayWhatHappened()
    {
        Assert.Equal("That email and password do not match an account.", ErrorCodes.Message(ErrorCodes.InvalidCredentials));
        Assert.StartsWith("Too many failed sign-in attempts for this email address.", ErrorCodes.Message(ErrorCodes.AccountLocked));
        Assert.Contains("already exists", ErrorCodes.Message(ErrorCodes.EmailTaken));
    }

    [Theory]
    [InlineData(ErrorCodes.RateLimited, 40, "Too many requests from here. Try again in 40 seconds.")]
    [InlineData(ErrorCodes.RateLimited, 0.2, "Too many requests from here. Try again in 1 second.")]
    [InlineData(ErrorCodes.AccountLocked, 61, "Too many failed sign-in attempts for this email address. Try again in 2 minutes.")]
    [InlineData(ErrorCodes.AccountLocked, 900, "Too many failed sign-in attempts for this email address. Try again in 15 minutes.")]
    public void AWaitIsSpelledOutInWholeSecondsOrMinutes(string code, double seconds, string expected) =>
        Assert.Equal(expected, ErrorCodes.MessageWithWait(code, TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void AnUnknownCodeFallsBackToTheGenericErrorRatherThanShowingTheCode()
    {
        Assert.False(ErrorCodes.IsKnown("no_such_code"));
        Assert.Equal(ErrorCodes.Message(ErrorCodes.InternalError), ErrorCodes.Message("no_such_code"));
    }

    [Theory]
    [InlineData(404, ErrorCodes.NotFound)]
    [InlineData(405, ErrorCodes.MethodNotAllowed)]
    [InlineData(412, ErrorCodes.PreconditionFailed)]
    [InlineData(413, ErrorCodes.PayloadTooLarge)]
    [InlineData(415, ErrorCodes.UnsupportedMediaType)]
    [InlineData(429, ErrorCodes.RateLimited)]
    [InlineData(503, ErrorCodes.ServiceUnavailable)]
    [InlineData(500, ErrorCodes.InternalError)]
    public void BareFrameworkStatusesGetTheirCode(int status, string code) => Assert.Equal(code, ErrorCodes.ForStatus(status));
}
