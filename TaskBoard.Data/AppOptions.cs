namespace TaskBoard.Data;

/// <summary>The <c>App</c> configuration section.</summary>
public sealed class AppOptions
{
    public const string Section = "App";
    public const string PublicUrlKey = Section + ":PublicUrl";

    /// <summary>
    /// Where people reach TaskBoard (https://tasks.example.com): redirects point there, whatever
    /// Host header a request carried, and links in emails start with it.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>The scheme, host and port of <see cref="PublicUrl"/>, or null when it is not set.</summary>
    public Uri? Origin => Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri) ? new Uri(uri.GetLeftPart(UriPartial.Authority)) : null;

    public static bool IsValid(string? publicUrl) =>
        string.IsNullOrEmpty(publicUrl)
        || (Uri.TryCreate(publicUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && uri.AbsolutePath == "/");
}
