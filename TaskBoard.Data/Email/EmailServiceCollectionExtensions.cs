using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TaskBoard.Data.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>The outbox, its sender, and the transport: SMTP when <c>Email:Smtp:Host</c> is set, files otherwise.</summary>
    public static IServiceCollection AddTaskBoardEmail(this IServiceCollection services)
    {
        services.AddOptions<EmailSettings>().BindConfiguration(EmailSettings.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailSettings>, EmailSettingsValidation>();
        services.AddSingleton<EmailOutbox>();
        services.AddSingleton<SmtpTransport>();
        services.AddSingleton<FileTransport>();
        services.AddSingleton<IEmailTransport>(sp => sp.GetRequiredService<IOptions<EmailSettings>>().Value.UsesSmtp
            ? sp.GetRequiredService<SmtpTransport>()
            : sp.GetRequiredService<FileTransport>());
        services.AddHostedService<OutboxSender>();
        return services;
    }

    /// <summary>
    /// Besides the section's own rules: real mail needs <c>App:PublicUrl</c>, so that no link in a
    /// message is ever built from a Host header a stranger chose (a password-reset link to their site).
    /// </summary>
    private sealed class EmailSettingsValidation(IOptions<AppOptions> app) : IValidateOptions<EmailSettings>
    {
        public ValidateOptionsResult Validate(string? name, EmailSettings options)
        {
            var problems = options.Problems().ToList();
            if (options.UsesSmtp && app.Value.Origin is null)
            {
                problems.Add($"{AppOptions.PublicUrlKey} is required when {EmailSettings.Section}:Smtp:Host is set: links in emails start with it.");
            }

            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
