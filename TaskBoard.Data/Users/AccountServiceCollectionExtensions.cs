using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Database;
using TaskBoard.Data.Sessions;

namespace TaskBoard.Data.Users;

public static class AccountServiceCollectionExtensions
{
    /// <summary>OWASP's figure for PBKDF2-HMAC-SHA512 (Identity's V3 format). Older hashes are upgraded at the next sign-in.</summary>
    public const int PasswordHashIterations = 210_000;

    /// <summary>Identity, sessions and the audit log: what sign-in needs, whichever door it comes through.</summary>
    public static IServiceCollection AddTaskBoardAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMemoryCache();
        services.AddSettings<SessionOptions>(configuration, SessionOptions.Section, o =>
            (o.CheckCacheDuration < TimeSpan.Zero || o.LastSeenResolution < TimeSpan.Zero
                ? [$"{SessionOptions.Section}:CheckCacheDuration and :LastSeenResolution must not be negative."]
                : Array.Empty<string>())
            .Concat(o.BrowserIdleTimeout > o.LastSeenResolution + o.CheckCacheDuration
                ? []
                : [$"{SessionOptions.Section}:BrowserIdleTimeout must be longer than :LastSeenResolution plus :CheckCacheDuration."]));
        services.AddSettings<LockoutSettings>(configuration, LockoutSettings.Section, o =>
            o.MaxFailedAttempts >= 1 && o.FirstDelay > TimeSpan.Zero && o.Duration >= o.FirstDelay
                ? []
                : [$"{LockoutSettings.Section}:MaxFailedAttempts must be at least 1, {LockoutSettings.Section}:FirstDelay positive " +
                    $"and {LockoutSettings.Section}:Duration at least FirstDelay."]);
        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = PasswordHashIterations;
        });

        services.AddIdentityCore<AppUser>(o =>
            {
                // PasswordPolicy is the whole rule: length and the common-password list, no composition rules.
                o.Password.RequiredLength = 1;
                o.Password.RequiredUniqueChars = 1;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = true;
                o.User.AllowedUserNameCharacters = ""; // the user name is the email address, whatever it holds
            })
            .AddEntityFrameworkStores<TaskBoardDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PasswordPolicy>();

        services.AddSingleton<DecoyPasswordHash>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<SignInThrottle>();
        services.AddSettings<AccountSettings>(configuration, AccountSettings.Section);
        services.AddSingleton<AccountTokens>();
        services.AddSingleton<AccountMail>();
        services.AddSingleton<KnownDevices>();
        services.AddSingleton<EmailVerification>();
        services.AddScoped<EmailChange>();
        services.AddScoped<TwoFactor>();
        services.AddScoped<PasswordReset>();
        services.AddSingleton<PasswordResetRequests>();
        services.AddHostedService<PasswordResetWorker>();
        services.AddScoped<AccountService>();
        services.AddScoped<AccountAdmin>();
        services.AddSingleton<ProfileService>();
        return services;
    }
}
