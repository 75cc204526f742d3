using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

// The practical limit for TaskBoard's API on this machine: Kestrel, the same JWT validation (HS256,
// issuer, audience, lifetime), and each endpoint's query written by hand with raw Npgsql. No session
// check, no validation beyond what the query needs, no logging. Configured by environment variables:
// BASELINE_POSTGRES (connection string) and BASELINE_JWT_SECRET, BASELINE_URL.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.UseUrls(Environment.GetEnvironmentVariable("BASELINE_URL") ?? "http://127.0.0.1:5099");
var secret = Environment.GetEnvironmentVariable("BASELINE_JWT_SECRET") ?? throw new InvalidOperationException("Set BASELINE_JWT_SECRET.");
var connectionString = Environment.GetEnvironmentVariable("BASELINE_POSTGRES") ?? throw new InvalidOperationException("Set BASELINE_POSTGRES.");
builder.Services.AddSingleton(NpgsqlDataSource.Create(connectionString));
builder.Services.AddAuthentication().AddJwtBearer(o =>
{
    o.MapInboundClaims = false;
    o.TokenValidationParameters = new TokenValidationParameters
    {
        ValidIssuer = "taskboard",
        ValidAudience = "taskboard-api",
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
    };
});
builder.Services.AddAuthorization();
var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

const string Columns = "id, title, description, status, priority, due_at, tags, position, created_at, updated_at, completed_at, version, due_is_date";
string[] statuses = ["todo", "in_progress", "done"];
string[] priorities = ["none", "low", "medium", "high", "urgent"];

var api = app.MapGroup("/api/tasks").RequireAuthorization();

api.MapGet("/", async (HttpContext http, NpgsqlDataSource db, string? status, int? limit) =>
{
    await using var command = db.CreateCommand(
        $"SELECT {Columns} FROM task WHERE user_id = $1 AND status = $2 ORDER BY position, id LIMIT $3");
    command.Parameters.Add(new() { Value = UserId(http) });
    command.Parameters.Add(new() { Value = (short)Math.Max(0, Array.IndexOf(statuses, status ?? "todo")) });
    command.Parameters.Add(new() { Value = (limit ?? 50) + 1 });
    await using var reader = await command.ExecuteReaderAsync();
    http.Response.ContentType = "application/json";
    await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
    json.WriteStartObject();
    json.WriteStartArray("items");
    var count = 0;
    while (await reader.ReadAsync() && count++ < (limit ?? 50))
    {
        WriteTask(json, reader);
    }

    json.WriteEndArray();
    json.WriteNull("nextCursor");
    json.WriteEndObject();
});

api.MapGet("/{id:guid}", async (Guid id, HttpContext http, NpgsqlDataSource db) =>
{
    await using var command = db.CreateCommand($"SELECT {Columns} FROM task WHERE id = $1 AND user_id = $2");
    command.Parameters.Add(new() { Value = id });
    command.Parameters.Add(new() { Value = UserId(http) });
    await RespondWithOneAsync(http, command, StatusCodes.Status200OK);
});

api.MapPost("/", async (HttpContext http, NpgsqlDataSource db) =>
{
    using var body = await JsonDocument.ParseAsync(http.Request.Body);
    var userId = UserId(http);
    await using var command = db.CreateCommand(
        $"""
        INSERT INTO task (id, user_id, title, status, priority, tags, position, created_at, updated_at, version)
        SELECT $1, $2, $3, 0, 0, ARRAY[]::text[], coalesce(max(position), 0) + 1024, now(), now(), 1
          FROM task WHERE user_id = $2 AND status = 0
        RETURNING {Columns}
        """);
    command.Parameters.Add(new() { Value = Guid.CreateVersion7() });
    command.Parameters.Add(new() { Value = userId });
    command.Parameters.Add(new() { Value = body.RootElement.GetProperty("title").GetString() });
    await RespondWithOneAsync(http, command, StatusCodes.Status201Created);
});

api.MapPatch("/{id:guid}", async (Guid id, HttpContext http, NpgsqlDataSource db) =>
{
    using var body = await JsonDocument.ParseAsync(http.Request.Body);
    await using var command = db.CreateCommand(
        $"UPDATE task SET title = $3, updated_at = now(), version = version + 1 WHERE id = $1 AND user_id = $2 RETURNING {Columns}");
    command.Parameters.Add(new() { Value = id });
    command.Parameters.Add(new() { Value = UserId(http) });
    command.Parameters.Add(new() { Value = body.RootElement.GetProperty("title").GetString() });
    await RespondWithOneAsync(http, command, StatusCodes.Status200OK);
});

api.MapPost("/{id:guid}/move", async (Guid id, HttpContext http, NpgsqlDataSource db) =>
{
    using var body = await JsonDocument.ParseAsync(http.Request.Body);
    var status = (short)Math.Max(0, Array.IndexOf(statuses, body.RootElement.GetProperty("status").GetString()));
    await using var command = db.CreateCommand(
        $"""
        UPDATE task SET status = $3, updated_at = now(), version = version + 1,
               completed_at = CASE WHEN $3 = 2 THEN coalesce(completed_at, now()) END,
               position = (SELECT coalesce(max(position), 0) + 1024 FROM task WHERE user_id = $2 AND status = $3 AND id <> $1)
         WHERE id = $1 AND user_id = $2
        RETURNING {Columns}
        """);
    command.Parameters.Add(new() { Value = id });
    command.Parameters.Add(new() { Value = UserId(http) });
    command.Parameters.Add(new() { Value = status });
    await RespondWithOneAsync(http, command, StatusCodes.Status200OK);
});

app.MapGet("/health/ready", () => Results.Ok());
app.Run();

Guid UserId(HttpContext http) => Guid.Parse(http.User.FindFirstValue("sub")!);

async Task RespondWithOneAsync(HttpContext http, NpgsqlCommand command, int status)
{
    await using var reader = await command.ExecuteReaderAsync();
    if (!await reader.ReadAsync())
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return;
    }

    http.Response.StatusCode = status;
    http.Response.ContentType = "application/json";
    await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
    WriteTask(json, reader);
}

void WriteTask(Utf8JsonWriter json, NpgsqlDataReader row)
{
    json.WriteStartObject();
    json.WriteString("id", row.GetGuid(0));
    json.WriteString("title", row.GetString(1));
    WriteNullable(json, "description", row, 2, () => json.WriteString("description", row.GetString(2)));
    json.WriteString("status", statuses[row.GetInt16(3)]);
    json.WriteString("priority", priorities[row.GetInt16(4)]);
    // A due day (due_is_date) is shown as dueDate, a due time as dueAt; the other one is null.
    var dueIsDate = row.GetBoolean(12);
    if (row.IsDBNull(5) || dueIsDate)
    {
        json.WriteNull("dueAt");
    }
    else
    {
        json.WriteString("dueAt", Stamp(row.GetDateTime(5)));
    }

    if (row.IsDBNull(5) || !dueIsDate)
    {
        json.WriteNull("dueDate");
    }
    else
    {
        json.WriteString("dueDate", DateOnly.FromDateTime(row.GetDateTime(5)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    json.WriteStartArray("tags");
    foreach (var tag in row.GetFieldValue<string[]>(6))
    {
        json.WriteStringValue(tag);
    }

    json.WriteEndArray();
    json.WriteNumber("position", row.GetDouble(7));
    json.WriteBoolean("completed", row.GetInt16(3) == 2);
    json.WriteString("createdAt", Stamp(row.GetDateTime(8)));
    json.WriteString("updatedAt", Stamp(row.GetDateTime(9)));
    WriteNullable(json, "completedAt", row, 10, () => json.WriteString("completedAt", Stamp(row.GetDateTime(10))));
    json.WriteNumber("version", row.GetInt32(11));
    json.WriteEndObject();
}

// Timestamps as TaskBoard writes them: UTC with exactly six fractional digits.
static string Stamp(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

static void WriteNullable(Utf8JsonWriter json, string name, NpgsqlDataReader row, int ordinal, Action write)
{
    if (row.IsDBNull(ordinal))
    {
        json.WriteNull(name);
    }
    else
    {
        write();
    }
}
