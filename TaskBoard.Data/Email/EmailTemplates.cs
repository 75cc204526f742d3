using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;

namespace TaskBoard.Data.Email;

/// <summary>A message made from a template: what the outbox stores.</summary>
public sealed record RenderedEmail(string Kind, string Subject, string Text, string Html);

/// <summary>
/// The messages TaskBoard sends, from the templates in <c>Email/Templates/</c> (embedded in the
/// assembly): <c>name.txt</c> starts with a <c>Subject:</c> line, then the plain-text body;
/// <c>name.html</c> is the HTML body, placed inside <c>_layout.html</c>. <c>{{Key}}</c> takes a value,
/// HTML-encoded in the HTML part. A template that names a value not given fails loudly.
/// </summary>
public static partial class EmailTemplates
{
    public const string VerifyEmail = "verify-email";
    public const string ResetPassword = "reset-password";
    public const string PasswordChanged = "password-changed";
    public const string EmailChangeConfirm = "email-change-confirm";
    public const string EmailChangeRequested = "email-change-requested";
    public const string EmailChanged = "email-changed";
    public const string TwoFactorEnabled = "two-factor-enabled";
    public const string TwoFactorDisabled = "two-factor-disabled";
    public const string PasskeyAdded = "passkey-added";
    public const string NewSignIn = "new-sign-in";
    public const string BoardInvitation = "board-invitation";

    public static IReadOnlyList<string> All { get; } =
    [
        VerifyEmail, ResetPassword, PasswordChanged, EmailChangeConfirm, EmailChangeRequested, EmailChanged,
        TwoFactorEnabled, TwoFactorDisabled, PasskeyAdded, NewSignIn, BoardInvitation,
    ];

    private static readonly ConcurrentDictionary<string, string> Files = new(StringComparer.Ordinal);

    public static RenderedEmail Render(string kind, IReadOnlyDictionary<string, string> values)
    {
        var text = Read($"{kind}.txt");
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (!text.StartsWith("Subject: ", StringComparison.Ordinal) || newline < 0)
        {
            throw new InvalidOperationException($"The email template {kind}.txt must start with a 'Subject: ' line.");
        }

        var subject = Fill(text["Subject: ".Length..newline].Trim(), values, html: false);
        var body = Fill(text[(newline + 1)..].TrimStart('\r', '\n'), values, html: false);
        var page = Fill(Read("_layout.html"), new Dictionary<string, string>(values) { ["Subject"] = subject }, html: true)
            .Replace("{{{Body}}}", Fill(Read($"{kind}.html"), values, html: true), StringComparison.Ordinal);
        return new RenderedEmail(kind, subject, body, page);
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string> values, bool html) =>
        Placeholder().Replace(template, match =>
        {
            var key = match.Groups[1].Value;
            return values.TryGetValue(key, out var value)
                ? html ? WebUtility.HtmlEncode(value) : value
                : throw new InvalidOperationException($"The email template needs a value for {key}.");
        });

    private static string Read(string name) => Files.GetOrAdd(name, static file =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"TaskBoard.Data.Email.Templates.{file}")
            ?? throw new InvalidOperationException($"There is no email template {file}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    // {{Key}}, but not the layout's {{{Body}}} slot.
    [GeneratedRegex(@"(?<!\{)\{\{(\w+)\}\}(?!\})")]
    private static partial Regex Placeholder();
}
