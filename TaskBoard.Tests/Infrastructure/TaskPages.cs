using System.Net.Http.Json;
using System.Text.Json;

namespace TaskBoard.Tests.Infrastructure;

public static class TaskPages
{
    /// <summary>Every task <c>GET /api/tasks?{query}</c> answers, following <c>nextCursor</c> to the end, 200 at a time.</summary>
    public static async Task<List<JsonElement>> AllAsync(HttpClient client, string query = "")
    {
        var all = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>(
                $"/api/tasks?limit=200&{query}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            all.AddRange(page.GetProperty("items").EnumerateArray().Select(t => t.Clone()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return all;
    }
}
