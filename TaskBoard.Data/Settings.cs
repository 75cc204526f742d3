using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TaskBoard.Data;

/// <summary>
/// How every configuration section is read: bound once at startup, before the host is built, and
/// checked there. A value that does not convert, or that breaks a rule, stops startup with one line
/// naming the key (<see cref="InvalidConfigurationException"/>); nothing is discovered later, on
/// first use. The result is registered as itself and as <see cref="IOptions{T}"/>.
/// </summary>
public static class Settings
{
    /// <summary>Binds <paramref name="section"/> (its defaults where absent); a value that does not convert names its key.</summary>
    public static T Bind<T>(IConfiguration configuration, string section)
        where T : class, new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the key and the value (no section holds a secret that fails to convert: secrets are strings).
            throw new InvalidConfigurationException(
                $"{e.Message} Numbers are written like 5, switches as true or false, durations like 00:05:00 (5 minutes) or 7.00:00:00 (7 days).", e);
        }
    }

    /// <summary>
    /// Binds and checks <paramref name="section"/> and registers it. <paramref name="problems"/>
    /// lists what is wrong, each naming its key; any problem stops startup.
    /// </summary>
    public static T AddSettings<T>(
        this IServiceCollection services, IConfiguration configuration, string section, Func<T, IEnumerable<string>>? problems = null)
        where T : class, new()
    {
        var value = Bind<T>(configuration, section);
        var found = problems?.Invoke(value).ToList() ?? [];
        if (found.Count > 0)
        {
            throw new InvalidConfigurationException(string.Join(" ", found));
        }

        services.AddSingleton(value);
        services.AddSingleton(Options.Create(value));
        return value;
    }
}
