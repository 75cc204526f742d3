using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TaskBoard.Data.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// The outbox's sender (the outbox itself is part of the data, <see cref="DataServiceCollectionExtensions"/>) and the transport: SMTP when <c>Email:Smtp:Host</c> is set, files
    /// otherwise. Besides the section's own rules, real mail needs <c>App:PublicUrl</c>, so that no
    /// link in a message is ever built from a Host header a stranger chose (a password-reset link to their site).
    /// </summary>
    public static IServiceCollection AddTaskBoardEmail(this IServiceCollection services, IConfiguration configuration)
    {
        var app = Settings.Bind<AppOptions>(configuration, AppOptions.Section);
        services.AddSettings<EmailSettings>(configuration, EmailSettings.Section, o => o.Problems().Concat(o.UsesSmtp && app.Origin is null
            ? [$"{AppOptions.PublicUrlKey} is required when {EmailSettings.Section}:Smtp:Host is set: links in emails start with it."]
            : []));
        services.AddSingleton<SmtpTransport>();
        services.AddSingleton<FileTransport>();
        services.AddSingleton<IEmailTransport>(sp => sp.GetRequiredService<IOptions<EmailSettings>>().Value.UsesSmtp
            ? sp.GetRequiredService<SmtpTransport>()
            : sp.GetRequiredService<FileTransport>());
        services.AddHostedService<OutboxSender>();
        return services;
    }
}
