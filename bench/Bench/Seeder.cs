using Npgsql;
using NpgsqlTypes;

namespace TaskBoard.Bench;

/// <summary>The size of the data set; the board user comes on top of <see cref="Tasks"/>.</summary>
internal sealed record DataSize(int Users, int Tasks, int BoardTasks);

/// <summary>
/// Bulk-loads users, their boards (each owner its member) and tasks with binary COPY: every user has "My tasks" with To do / In
/// progress / Done and a realistic spread of tasks (most have a few dozen, some thousands) over those
/// columns, priorities, tags, descriptions and due dates; user 0 has instead one board of
/// <see cref="BigBoardColumns"/> columns holding the big board's tasks. Every user shares one password
/// hash made by the app's own sign-up, so they can all sign in for real.
/// </summary>
internal static class Seeder
{
    public const string Password = "a long benchmark passphrase";

    /// <summary>The columns of the big board, the last one done.</summary>
    public const int BigBoardColumns = 20;

    private static readonly string[] TagPool = ["work", "home", "urgent", "errand", "q3", "q4", "bug", "idea", "finance", "health", "team", "later"];

    /// <summary>The name of column <paramref name="index"/> of the big board.</summary>
    public static string BigBoardColumn(int index) => $"Column {index + 1}";

    /// <summary>The email of user <paramref name="index"/>; user 0 is the one with the big board.</summary>
    public static string Email(int index) => $"bench-{index}@example.test";

    public static async Task SeedAsync(NpgsqlDataSource db, DataSize size, string passwordHash, DateTime now)
    {
        var random = new Random(20261124);
        var users = Enumerable.Range(0, size.Users).Select(i => Guid.CreateVersion7(new DateTimeOffset(now.AddDays(-400 + (i % 300))))).ToArray();
        await using (var connection = await db.OpenConnectionAsync())
        {
            await using var importer = await connection.BeginBinaryImportAsync(
                "COPY users (id, display_name, created_at, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash, " +
                "security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count) FROM STDIN (FORMAT BINARY)");
            for (var i = 0; i < users.Length; i++)
            {
                var email = Email(i);
                await importer.StartRowAsync();
                await importer.WriteAsync(users[i]);
                await importer.WriteAsync($"Bench user {i}");
                await importer.WriteAsync(now.AddDays(-400), NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(email);
                await importer.WriteAsync(email.ToUpperInvariant());
                await importer.WriteAsync(email);
                await importer.WriteAsync(email.ToUpperInvariant());
                await importer.WriteAsync(false);
                await importer.WriteAsync(passwordHash);
                await importer.WriteAsync(Guid.NewGuid().ToString("N"));
                await importer.WriteAsync(Guid.NewGuid().ToString());
                await importer.WriteAsync(false);
                await importer.WriteAsync(false);
                await importer.WriteAsync(true);
                await importer.WriteAsync(0);
            }

            await importer.CompleteAsync();
        }

        var boards = await SeedBoardsAsync(db, users, now);
        var counts = TasksPerUser(random, size);
        await using (var connection = await db.OpenConnectionAsync())
        {
            await using var importer = await connection.BeginBinaryImportAsync(
                "COPY task (id, created_by, updated_by, board_id, column_id, title, description, priority, due_at, tags, position, created_at, updated_at, completed_at, version) " +
                "FROM STDIN (FORMAT BINARY)");
            for (var u = 0; u < users.Length; u++)
            {
                var (boardId, columns) = boards[u];
                var positions = new double[columns.Length];
                for (var t = 0; t < counts[u]; t++)
                {
                    var created = now.AddMinutes(-random.Next(1, 365 * 24 * 60));
                    var roll = random.Next(100);
                    // Most tasks wait in To do, fewer are in progress or done; the big board spreads them evenly.
                    var column = columns.Length == 3 ? (roll < 55 ? 0 : roll < 75 ? 1 : 2) : t % columns.Length;
                    var done = column == columns.Length - 1;
                    var priorityRoll = random.Next(100);
                    var priority = (short)(priorityRoll < 30 ? 0 : priorityRoll < 50 ? 1 : priorityRoll < 75 ? 2 : priorityRoll < 90 ? 3 : 4);
                    positions[column] += 1024;
                    await importer.StartRowAsync();
                    await importer.WriteAsync(Guid.CreateVersion7(new DateTimeOffset(created)));
                    await importer.WriteAsync(users[u]);
                    await importer.WriteAsync(users[u]);
                    await importer.WriteAsync(boardId);
                    await importer.WriteAsync(columns[column]);
                    await importer.WriteAsync($"Task {t} of user {u}");
                    if (random.Next(10) < 3)
                    {
                        await importer.WriteAsync("Notes: check with the team, then update the tracker and close the loop by Friday.");
                    }
                    else
                    {
                        await importer.WriteNullAsync();
                    }

                    await importer.WriteAsync(priority);
                    if (random.Next(2) == 0)
                    {
                        await importer.WriteAsync(now.Date.AddDays(random.Next(-60, 60)).AddHours(17), NpgsqlDbType.TimestampTz);
                    }
                    else
                    {
                        await importer.WriteNullAsync();
                    }

                    await importer.WriteAsync(TagPool.OrderBy(_ => random.Next()).Take(random.Next(4)).ToArray());
                    await importer.WriteAsync(positions[column]);
                    await importer.WriteAsync(created, NpgsqlDbType.TimestampTz);
                    await importer.WriteAsync(created, NpgsqlDbType.TimestampTz);
                    if (done)
                    {
                        await importer.WriteAsync(created.AddDays(1), NpgsqlDbType.TimestampTz);
                    }
                    else
                    {
                        await importer.WriteNullAsync();
                    }

                    await importer.WriteAsync(1);
                }
            }

            await importer.CompleteAsync();
        }

        await using var analyze = db.CreateCommand("ANALYZE");
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>Each user's one board and its columns in order: "My tasks", or for user 0 the big board.</summary>
    private static async Task<(Guid Board, Guid[] Columns)[]> SeedBoardsAsync(NpgsqlDataSource db, Guid[] users, DateTime now)
    {
        var boards = new (Guid Board, Guid[] Columns)[users.Length];
        await using (var connection = await db.OpenConnectionAsync())
        {
            await using var importer = await connection.BeginBinaryImportAsync(
                "COPY board (id, owner_id, name, created_at, updated_at, version) FROM STDIN (FORMAT BINARY)");
            for (var u = 0; u < users.Length; u++)
            {
                var columnCount = u == 0 ? BigBoardColumns : 3;
                boards[u] = (Guid.CreateVersion7(new DateTimeOffset(now.AddDays(-400))), [.. Enumerable.Range(0, columnCount).Select(_ => Guid.CreateVersion7())]);
                await importer.StartRowAsync();
                await importer.WriteAsync(boards[u].Board);
                await importer.WriteAsync(users[u]);
                await importer.WriteAsync(u == 0 ? "The big board" : "My tasks");
                await importer.WriteAsync(now.AddDays(-400), NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(now.AddDays(-400), NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(1);
            }

            await importer.CompleteAsync();
        }

        // Each owner is their board's member, as the app makes them: the access rule reads members.
        await using (var connection = await db.OpenConnectionAsync())
        {
            await using var importer = await connection.BeginBinaryImportAsync("COPY board_member (board_id, user_id, role, created_at) FROM STDIN (FORMAT BINARY)");
            for (var u = 0; u < users.Length; u++)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(boards[u].Board);
                await importer.WriteAsync(users[u]);
                await importer.WriteAsync((short)3);
                await importer.WriteAsync(now.AddDays(-400), NpgsqlDbType.TimestampTz);
            }

            await importer.CompleteAsync();
        }

        string[] names = ["To do", "In progress", "Done"];
        await using (var connection = await db.OpenConnectionAsync())
        {
            await using var importer = await connection.BeginBinaryImportAsync(
                "COPY board_column (id, board_id, name, position, is_done, version) FROM STDIN (FORMAT BINARY)");
            foreach (var (board, columns) in boards)
            {
                for (var c = 0; c < columns.Length; c++)
                {
                    await importer.StartRowAsync();
                    await importer.WriteAsync(columns[c]);
                    await importer.WriteAsync(board);
                    await importer.WriteAsync(columns.Length == 3 ? names[c] : BigBoardColumn(c));
                    await importer.WriteAsync(c);
                    await importer.WriteAsync(c == columns.Length - 1);
                    await importer.WriteAsync(1);
                }
            }

            await importer.CompleteAsync();
        }

        return boards;
    }

    /// <summary>
    /// Tasks per user from an exponential spread around the mean (a few users have many, most a few
    /// dozen), adjusted to the exact total; user 0 has the big board.
    /// </summary>
    private static int[] TasksPerUser(Random random, DataSize size)
    {
        var mean = (double)size.Tasks / (size.Users - 1);
        var counts = new int[size.Users];
        for (var u = 1; u < size.Users; u++)
        {
            counts[u] = Math.Max(1, (int)(-Math.Log(1 - random.NextDouble()) * mean));
        }

        var difference = size.Tasks - counts.Sum();
        while (difference != 0)
        {
            var u = random.Next(1, size.Users);
            var step = Math.Sign(difference);
            if (counts[u] + step >= 1)
            {
                counts[u] += step;
                difference -= step;
            }
        }

        counts[0] = size.BoardTasks;
        return counts;
    }
}
