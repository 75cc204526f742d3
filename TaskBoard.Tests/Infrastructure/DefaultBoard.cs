using System.Net.Http.Json;
using System.Text.Json;

namespace TaskBoard.Tests.Infrastructure;

/// <summary>An account's first board, "My tasks", and its three columns, as the API shows them.</summary>
public sealed record DefaultBoard(Guid Id, Guid Todo, Guid Doing, Guid Done)
{
    public static async Task<DefaultBoard> ReadAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/boards");
        var board = page.GetProperty("items")[0];
        var columns = board.GetProperty("columns");
        return new(board.GetProperty("id").GetGuid(), Id(columns[0]), Id(columns[1]), Id(columns[2]));

        static Guid Id(JsonElement column) => column.GetProperty("id").GetGuid();
    }
}
