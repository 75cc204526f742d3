using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TaskBoard.Data.Database;
using TaskBoard.Data.Users;
using TaskBoard.Web.Account;

namespace TaskBoard.Web.Auth;

public static class AuthSetup
{
    /// <summary>The authorization policy of <c>/api</c>: a valid bearer token and nothing else (never a cookie).</summary>
    public const string ApiPolicy = "api";

    /// <summary>Tokens longer than this are refused before any parsing work.</summary>
    public const int MaxTokenBytes = 8 * 1024;

    public static WebApplicationBuilder AddTaskBoardAuth(this WebApplicationBuilder builder)
    {
        var dataDirectory = DatabaseConnection.FromConfiguration(builder.Configuration, builder.Environment.ContentRootPath).DataDirectory;
        var jwt = JwtSettings.FromConfiguration(builder.Configuration, builder.Environment, dataDirectory);
        builder.Services.AddSingleton(jwt);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<PersonalAccessTokens>();
        builder.Services.AddTaskBoardAccounts();
        // Keys in the database and a fixed application name: cookies and antiforgery tokens issued by one
        // instance work on every other instance, and survive restarts and deploys.
        builder.Services.AddDataProtection()
            .SetApplicationName("TaskBoard")
            .PersistKeysToDbContext<TaskBoardDbContext>();
        builder.Services.AddScoped<BearerEvents>();

        // The browser's cookie is the default; /api names the bearer scheme alone, so a cookie never authenticates it.
        var authentication = builder.Services.AddAuthentication(Account.BrowserAuth.Scheme);
        builder.AddBrowserAuth(authentication);
        authentication.AddJwtBearer(o =>
            {
                o.MapInboundClaims = false;
                o.TokenHandlers.Clear();
                o.TokenHandlers.Add(new JsonWebTokenHandler { MaximumTokenSizeInBytes = MaxTokenBytes });
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Issuer,
                    ValidAudience = jwt.Audience,
                    IssuerSigningKey = jwt.SigningKey,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ValidTypes = [JwtSettings.TokenType],
                    ClockSkew = JwtSettings.ClockSkew,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidateIssuerSigningKey = true,
                    // Only the configured key counts: keys named or embedded in the header (kid, jwk, jku) are ignored.
                    TryAllIssuerSigningKeys = true,
                    NameClaimType = JwtRegisteredClaimNames.Name,
                };
                o.EventsType = typeof(BearerEvents);
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build());
        builder.Services.AddTaskBoardRateLimits(builder.Configuration);
        return builder;
    }

    public static WebApplication UseTaskBoardAuth(this WebApplication app)
    {
        if (app.Services.GetRequiredService<JwtSettings>().GeneratedSecretPath is { } path)
        {
            app.Logger.LogWarning(
                "No {SecretKey} is configured, so a development secret was generated and kept in {SecretPath}. " +
                "Set {SecretKey} outside Development.", JwtSettings.SecretKey, path, JwtSettings.SecretKey);
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }
}
