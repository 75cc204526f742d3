using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TaskBoard.Data.Database;
using TaskBoard.Data.Users;
using TaskBoard.Web.Account;

namespace TaskBoard.Web.Auth;

/// <summary>Whether the data-protection keys are stored encrypted (a certificate is configured).</summary>
public sealed record KeyProtectionState(bool Encrypted);

public static class AuthSetup
{
    /// <summary>The authorization policy of <c>/api</c>: a valid bearer token and nothing else (never a cookie).</summary>
    public const string ApiPolicy = "api";

    /// <summary>Tokens longer than this are refused before any parsing work.</summary>
    public const int MaxTokenBytes = 8 * 1024;

    /// <summary>
    /// Keys in the database and a fixed application name: cookies and antiforgery tokens issued by one
    /// instance work on every other instance, and survive restarts and deploys. With a certificate
    /// configured the stored keys are encrypted with it. The admin command uses the same keys.
    /// </summary>
    public static WebApplicationBuilder AddTaskBoardDataProtection(this WebApplicationBuilder builder)
    {
        var keyCertificate = KeyProtection.LoadCertificate(builder.Configuration);
        builder.Services.AddDataProtection()
            .SetApplicationName("TaskBoard")
            .PersistKeysToDbContext<TaskBoardDbContext>()
            .ProtectKeysWith(keyCertificate);
        builder.Services.AddSingleton(new KeyProtectionState(keyCertificate is not null));
        return builder;
    }

    public static WebApplicationBuilder AddTaskBoardAuth(this WebApplicationBuilder builder)
    {
        var dataDirectory = DatabaseConnection.FromConfiguration(builder.Configuration, builder.Environment.ContentRootPath).DataDirectory;
        var jwt = JwtSettings.FromConfiguration(builder.Configuration, builder.Environment, dataDirectory);
        builder.Services.AddSingleton(jwt);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<PersonalAccessTokens>();
        builder.Services.AddTaskBoardAccounts(builder.Configuration);
        builder.Services.AddTaskBoardPasskeys();
        builder.AddTaskBoardDataProtection();
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
                    IssuerSigningKeys = jwt.ValidationKeys,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ValidTypes = [JwtSettings.TokenType],
                    ClockSkew = JwtSettings.ClockSkew,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidateIssuerSigningKey = true,
                    // Only the configured keys count: keys named or embedded in the header (kid, jwk, jku) are never
                    // fetched or trusted, and a token whose kid is unknown (or absent, from before the ring) is tried
                    // against every key of the ring.
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

        if (!app.Services.GetRequiredService<KeyProtectionState>().Encrypted && !app.Environment.IsDevelopment())
        {
            app.Logger.LogWarning(
                "DataProtection:CertificatePath is not set, so the cookie and antiforgery keys are stored unencrypted in the database: " +
                "anyone holding a copy of it can forge sign-in cookies. Set it to a certificate (docs/deploy.md).");
        }

        app.UseTaskBoardHostCookies(BrowserAuth.CookieName, BrowserAuth.AntiforgeryCookieName);
        app.UseTaskBoardClientRateLimits();
        app.UseAuthentication();
        return app;
    }

    /// <summary>After <see cref="UseTaskBoardAuth"/> (and anything that must see the user before a page's own rules do).</summary>
    public static WebApplication UseTaskBoardAuthorization(this WebApplication app)
    {
        app.UseAuthorization();
        app.UseTaskBoardUserRateLimits();
        app.UseTaskBoardScopes();
        return app;
    }
}
