using System.Globalization;
using Microsoft.Extensions.Options;
using TaskBoard.Data;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Users;
using TaskBoard.Web.Auth;

namespace TaskBoard.Web.Hosting;

/// <summary>
/// <c>admin &lt;verb&gt;</c>: account administration from the command line, on the app's own
/// configuration and database. A verb never starts the web server. Exit codes: 0 done, 2 wrong
/// arguments or an unknown account (one line on standard error), 1 anything else.
/// </summary>
public static class AdminCommand
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    private sealed record Verb(string Name, string Arguments, string Summary, bool NeedsAccount, Func<Context, Task<int>> RunAsync);

    private sealed record Context(IServiceProvider Services, Dictionary<string, string?> Options, AppUser? Account, TextReader In, TextWriter Out)
    {
        public AccountAdmin Admin => Services.GetRequiredService<AccountAdmin>();

        public string? Option(string name) => Options.GetValueOrDefault(name);
    }

    private static readonly Verb[] Verbs =
    [
        new("create-user", "--email E --name N --password-stdin [--admin]",
            "Create an account (its address counts as confirmed); the password is read from standard input.", false, CreateUserAsync),
        new("reset-password", "--email E",
            "Email a single-use reset link (30 minutes) when SMTP is configured, else print it once.", true, ResetPasswordAsync),
        new("unlock", "--email E", "Lift the pause on password sign-ins that repeated failures set.", true, async c =>
        {
            await c.Admin.UnlockAsync(c.Account!, AdminActor.CommandLine);
            return Report(c, $"{c.Account!.Email} can sign in with a password again.");
        }),
        new("disable", "--email E", "Disable the account: no sign-in, and every session and token ends at once.", true, async c =>
        {
            await c.Admin.SetDisabledAsync(c.Account!, disabled: true, AdminActor.CommandLine);
            return Report(c, $"{c.Account!.Email} is disabled; its sessions and tokens have ended.");
        }),
        new("enable", "--email E", "Enable a disabled account again.", true, async c =>
        {
            await c.Admin.SetDisabledAsync(c.Account!, disabled: false, AdminActor.CommandLine);
            return Report(c, $"{c.Account!.Email} is enabled.");
        }),
        new("grant-admin", "--email E", "Let the account use the admin page.", true, async c =>
        {
            await c.Admin.SetAdminAsync(c.Account!, admin: true, AdminActor.CommandLine);
            return Report(c, $"{c.Account!.Email} is an administrator.");
        }),
        new("revoke-admin", "--email E", "Take the admin page away from the account.", true, async c =>
        {
            await c.Admin.SetAdminAsync(c.Account!, admin: false, AdminActor.CommandLine);
            return Report(c, $"{c.Account!.Email} is no longer an administrator.");
        }),
        new("list-users", "[--search TEXT] [--limit N]", "List accounts (oldest first), with their state and when they were last seen.", false, ListUsersAsync),
        new("sessions", "--email E", "List the account's active sessions and tokens.", true, SessionsAsync),
        new("revoke-sessions", "--email E", "End every session and token of the account at once.", true, async c =>
        {
            var count = await c.Admin.RevokeSessionsAsync(c.Account!, AdminActor.CommandLine);
            return Report(c, $"{count} session(s) of {c.Account!.Email} ended.");
        }),
    ];

    private static readonly HashSet<string> Flags = ["--password-stdin", "--admin", "--help", "-h"];

    public static bool IsAdminCommand(string[] args) => args is ["admin", ..];

    /// <summary><c>--help</c> anywhere before a verb: the app's own commands.</summary>
    public static bool IsHelp(string[] args) => args is ["--help" or "-h" or "help", ..];

    public static void WriteAppHelp(TextWriter output) => output.WriteLine("""
        TaskBoard: a self-hosted task board.

        Usage:
          dotnet TaskBoard.Web.dll [--urls URL]     run the web server (settings: appsettings.json, environment, README)
          dotnet TaskBoard.Web.dll migrate          apply database migrations and exit
          dotnet TaskBoard.Web.dll admin VERB ...   administer accounts; `admin --help` lists the verbs
          dotnet TaskBoard.Web.dll --help           this text
        """);

    /// <summary>Runs one verb on a host with the database, email and accounts only, and answers the exit code.</summary>
    public static async Task<int> RunAsync(WebApplicationBuilder builder, string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        try
        {
            return await RunVerbAsync(builder, args, input, output, error);
        }
        catch (UsageException e)
        {
            return Fail(error, e.Message);
        }
    }

    private static async Task<int> RunVerbAsync(WebApplicationBuilder builder, string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var verbName = args.Length > 1 ? args[1] : null;
        if (verbName is null or "--help" or "-h" or "help")
        {
            WriteHelp(output);
            return verbName is null ? Usage : Done;
        }

        var verb = Verbs.FirstOrDefault(v => v.Name == verbName);
        if (verb is null)
        {
            return Fail(error, $"Unknown verb '{verbName}'. Run `admin --help` for the list.");
        }

        var (options, problem) = Parse(args[2..], verb);
        if (options.ContainsKey("--help") || options.ContainsKey("-h"))
        {
            output.WriteLine($"admin {verb.Name} {verb.Arguments}\n  {verb.Summary}");
            return Done;
        }

        if (problem is not null)
        {
            return Fail(error, $"{problem} Usage: admin {verb.Name} {verb.Arguments}");
        }

        if (verb.NeedsAccount && string.IsNullOrWhiteSpace(options.GetValueOrDefault("--email")))
        {
            return Fail(error, $"Name the account with --email. Usage: admin {verb.Name} {verb.Arguments}");
        }

        // Only warnings and errors on the console: what a verb did is its output (and the audit log's rows).
        builder.Configuration["Serilog:MinimumLevel:Default"] = "Warning";
        builder.AddTaskBoardDataProtection();
        builder.Services.AddTaskBoardAccounts(builder.Configuration);
        await using var app = builder.Build();
        await app.MigrateOnStartupAsync(); // a fresh install can get its first admin before the server ever ran
        await using var scope = app.Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<AccountAdmin>();
        AppUser? account = null;
        if (verb.NeedsAccount && (account = await admin.FindAsync(options["--email"]!)) is null)
        {
            return Fail(error, $"There is no account with the address {options["--email"]}.");
        }

        return await verb.RunAsync(new Context(scope.ServiceProvider, options, account, input, output));
    }

    private static void WriteHelp(TextWriter output)
    {
        output.WriteLine("Usage: dotnet TaskBoard.Web.dll admin VERB [OPTIONS]   (VERB --help for one verb)\n\nVerbs:");
        foreach (var verb in Verbs)
        {
            output.WriteLine($"  {verb.Name,-16} {verb.Arguments}\n  {"",-16} {verb.Summary}");
        }

        output.WriteLine("\nExit codes: 0 done, 2 wrong arguments or unknown account, 1 anything else.");
    }

    /// <summary>The verb's options, as its usage line names them.</summary>
    private static (Dictionary<string, string?> Options, string? Problem) Parse(string[] args, Verb verb)
    {
        var known = System.Text.RegularExpressions.Regex.Matches(verb.Arguments, "--[a-z-]+").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith('-'))
            {
                return (options, $"Unexpected argument '{name}'.");
            }

            if (!known.Contains(name) && name is not ("--help" or "-h"))
            {
                return (options, $"Unknown option {name}.");
            }

            if (Flags.Contains(name))
            {
                options[name] = null;
            }
            else if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                options[name] = args[++i];
            }
            else
            {
                return (options, $"{name} needs a value.");
            }
        }

        return (options, null);
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return Usage;
    }

    private static int Report(Context context, string message)
    {
        context.Out.WriteLine(message);
        return Done;
    }

    private static async Task<int> CreateUserAsync(Context c)
    {
        if (c.Option("--email") is not { } email || c.Option("--name") is not { } name || !c.Options.ContainsKey("--password-stdin"))
        {
            throw new UsageException("create-user needs --email, --name and --password-stdin (the password is never an argument).");
        }

        var password = (await c.In.ReadLineAsync())?.TrimEnd('\r') ?? "";
        var result = await c.Admin.CreateUserAsync(email, name, password, c.Options.ContainsKey("--admin"), AdminActor.CommandLine);
        return result.Outcome switch
        {
            AccountOutcome.Ok => Report(c, $"Created {result.User!.Email}{(result.User.IsAdmin ? " (administrator)" : "")}."),
            AccountOutcome.EmailTaken => throw new UsageException($"An account with the address {email} exists already."),
            _ => throw new UsageException(string.Join(" ", result.Errors!.SelectMany(e => e.Value))),
        };
    }

    private static async Task<int> ResetPasswordAsync(Context c)
    {
        var origin = c.Services.GetRequiredService<IOptions<AppOptions>>().Value.Origin;
        var link = await c.Admin.ResetPasswordAsync(c.Account!, origin, AdminActor.CommandLine, handOver: !c.Admin.SendsEmail);
        return Report(c, link is null
            ? $"A reset link (valid once, for 30 minutes) is on its way to {c.Account!.Email}."
            : $"Hand this link to {c.Account!.Email}; it works once, for 30 minutes{(origin is null ? ", after the site's address (App:PublicUrl is not set)" : "")}:\n{link}");
    }

    private static async Task<int> ListUsersAsync(Context c)
    {
        var limit = 100;
        if (c.Option("--limit") is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 10_000))
        {
            throw new UsageException("--limit must be a whole number from 1 to 10000.");
        }

        var page = await c.Admin.ListUsersAsync(c.Option("--search"), 0, limit);
        c.Out.WriteLine($"{"EMAIL",-40} {"NAME",-24} {"CREATED",-10} VERIFIED 2FA ADMIN DISABLED   LOCKED     LAST SEEN");
        foreach (var user in page.Users)
        {
            c.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{user.Email,-40} {Clip(user.Name, 24),-24} {user.CreatedAt:yyyy-MM-dd} {YesNo(user.EmailConfirmed),-8} {YesNo(user.TwoFactorEnabled),-3} " +
                $"{YesNo(user.IsAdmin),-5} {Day(user.DisabledAt),-10} {Day(user.LockedUntil),-10} {user.LastSeenAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never"}"));
        }

        c.Out.WriteLine($"{page.Users.Count} of {page.Total} account(s).");
        return Done;
    }

    private static async Task<int> SessionsAsync(Context c)
    {
        var sessions = await c.Services.GetRequiredService<SessionService>().ListActiveAsync(c.Account!.Id);
        c.Out.WriteLine($"{"ID",-36} {"KIND",-7} {"NAME",-20} {"CREATED",-16} {"LAST SEEN",-16} {"EXPIRES",-16} IP / CLIENT");
        foreach (var session in sessions)
        {
            c.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{session.Id,-36} {session.Kind.ToString().ToLowerInvariant(),-7} {Clip(session.Name ?? "", 20),-20} {session.CreatedAt:yyyy-MM-dd HH:mm} " +
                $"{session.LastSeenAt:yyyy-MM-dd HH:mm} {session.ExpiresAt:yyyy-MM-dd HH:mm} {session.Ip} {Clip(session.UserAgent ?? "", 40)}"));
        }

        c.Out.WriteLine($"{sessions.Count} active session(s) of {c.Account.Email}.");
        return Done;
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string Day(DateTime? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>Wrong arguments found while a verb runs: exit code 2 with the message.</summary>
    private sealed class UsageException(string message) : Exception(message);
}
