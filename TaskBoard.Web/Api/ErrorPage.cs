using System.Text.Encodings.Web;

namespace TaskBoard.Web.Api;

/// <summary>
/// The page a browser gets when a page cannot be rendered at all (before the app's own layout can
/// run): the sentence from <see cref="ErrorCodes"/>, and for an outage a refresh that retries by itself.
/// </summary>
public static class ErrorPage
{
    public static Task WriteAsync(HttpContext http, string code, bool refresh)
    {
        var title = HtmlEncoder.Default.Encode(ErrorCodes.Title(code));
        var message = HtmlEncoder.Default.Encode(ErrorCodes.Message(code));
        var retry = refresh
            ? $"<meta http-equiv=\"refresh\" content=\"{ApiExceptionHandler.OutageRetryAfterSeconds}\">"
            : "";
        var hint = refresh ? "<p>This page tries again by itself every few seconds.</p>" : "<p><a href=\"/\">Back to the board</a></p>";
        http.Response.ContentType = "text/html; charset=utf-8";
        return http.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">{{retry}}<title>{{title}} · TaskBoard</title></head>
            <body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem; color: #333">
            <h1 style="font-size: 1.5rem">{{title}}</h1>
            <p id="tb-error" data-code="{{code}}">{{message}}</p>
            {{hint}}
            </body>
            </html>
            """);
    }
}
