namespace TaskBoard.Web.Hosting;

public static class HomeEndpoint
{
    private const string Page = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>TaskBoard</title></head>
        <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
          <h1>TaskBoard is running</h1>
          <p>The server and its database are up. The REST API for accounts and tasks is ready; the browser
          board is still being built, and until it lands this page stands in for it.</p>
          <ul>
            <li><a href="/scalar">/scalar</a> — the API reference (in Development)</li>
            <li><a href="/health/live">/health/live</a> — the process answers</li>
            <li><a href="/health/ready">/health/ready</a> — the database answers</li>
          </ul>
        </body>
        </html>
        """;

    /// <summary>The landing page until the board replaces it.</summary>
    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", () => Results.Content(Page, "text/html; charset=utf-8")).ExcludeFromDescription();
        return endpoints;
    }
}
