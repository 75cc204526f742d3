using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using TaskBoard.Data.Database;

namespace TaskBoard.Tests.Database;

/// <summary>
/// A database filled at the migration before boards (tasks with a status) upgrades to boards: every user
/// gets "My tasks" with To do / In progress / Done, and every task lands on its owner's board, in the
/// column of its old status, in its old order, completed exactly when it was done. Upgrading on to shared
/// boards makes every owner their board's first member and the owner of a task its creator.
/// </summary>
public sealed class BoardMigrationTests
{
    private sealed record OldTask(Guid Id, Guid UserId, string Title, int Status, double Position, bool HadCompletedAt);

    [Fact]
    public async Task PostgresTasksMoveOntoTheirOwnersDefaultBoards()
    {
        var (name, connectionString) = await PostgresServer.CreateDatabaseAsync();
        try
        {
            await using var db = new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UsePostgres(connectionString).Options);
            await UpgradeAndCheckAsync(db, postgres: true);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task SqliteTasksMoveOntoTheirOwnersDefaultBoards()
    {
        var directory = Directory.CreateTempSubdirectory("taskboard-migration-");
        try
        {
            var file = Path.Combine(directory.FullName, DatabaseConnection.SqliteFileName);
            await using var db = new SqliteDbContext(new DbContextOptionsBuilder<SqliteDbContext>().UseSqliteFile($"Data Source={file}").Options);
            await UpgradeAndCheckAsync(db, postgres: false);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static async Task UpgradeAndCheckAsync(TaskBoardDbContext db, bool postgres)
    {
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var boards = migrations.FindIndex(m => m.EndsWith("_BoardsAndColumns", StringComparison.Ordinal));
        await migrator.MigrateAsync(migrations[boards - 1]);

        // Two users with tasks in every status, stored out of creation order; a third with none.
        var users = new[] { Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7() };
        var tasks = new List<OldTask>();
        var random = new Random(16);
        foreach (var user in users[..2])
        {
            for (var i = 0; i < 12; i++)
            {
                var status = i % 3;
                tasks.Add(new OldTask(Guid.CreateVersion7(), user, $"task {i} of {user:N}", status, random.Next(1, 10_000) + random.NextDouble(), status == 2 && i % 2 == 0));
            }
        }

        string Id(Guid id) => $"'{(postgres ? id.ToString() : id.ToString().ToUpperInvariant())}'";
        const string At = "'2026-01-02 03:04:05'";
        string Flag(bool value) => postgres ? (value ? "true" : "false") : (value ? "1" : "0");
        // Literal SQL of values made here: this schema is older than the model, so nothing typed can write it.
        var inserts = new List<string>();
        foreach (var user in users)
        {
            inserts.Add(
                "INSERT INTO users (id, display_name, created_at, email_confirmed, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, notify_new_sign_ins, is_admin) " +
                $"VALUES ({Id(user)}, 'Old user', {At}, {Flag(false)}, {Flag(false)}, {Flag(false)}, {Flag(false)}, 0, {Flag(true)}, {Flag(false)})");
        }

        foreach (var task in tasks)
        {
            inserts.Add(
                "INSERT INTO task (id, user_id, title, status, priority, tags, position, created_at, updated_at, completed_at, version, due_is_date) " +
                $"VALUES ({Id(task.Id)}, {Id(task.UserId)}, '{task.Title}', {task.Status}, 0, {(postgres ? "ARRAY[]::text[]" : "'[]'")}, " +
                $"{task.Position.ToString("R", CultureInfo.InvariantCulture)}, {At}, {At}, {(task.HadCompletedAt ? At : "NULL")}, 1, {Flag(false)})");
        }

        foreach (var insert in inserts)
        {
            await db.Database.ExecuteSqlRawAsync(insert);
        }

        await migrator.MigrateAsync();

        foreach (var user in users)
        {
            var board = await db.Boards.AsNoTracking().Include(b => b.Columns).Include(b => b.Members).SingleAsync(b => b.OwnerId == user);
            var member = Assert.Single(board.Members);
            Assert.Equal((user, Data.Boards.BoardRole.Owner), (member.UserId, member.Role));
            var columns = board.Columns.OrderBy(c => c.Position).ToList();
            Assert.Equal(("My tasks", (DateTime?)null), (board.Name, board.ArchivedAt));
            Assert.Equal([("To do", 0, false), ("In progress", 1, false), ("Done", 2, true)], columns.Select(c => (c.Name, c.Position, c.IsDone)));
            for (var status = 0; status < 3; status++)
            {
                var expected = tasks.Where(t => t.UserId == user && t.Status == status).OrderBy(t => t.Position).Select(t => t.Id).ToList();
                var columnId = columns[status].Id;
                var actual = await db.Tasks.AsNoTracking().Where(t => t.ColumnId == columnId).OrderBy(t => t.Position).ToListAsync();
                Assert.Equal(expected, actual.Select(t => t.Id));
                Assert.All(actual, t => Assert.Equal((board.Id, status == 2), (t.BoardId, t.CompletedAt is not null)));
                Assert.All(actual, t => Assert.Equal(((Guid?)user, (Guid?)user, 0), (t.CreatedBy, t.UpdatedBy, t.AssigneeIds.Count)));
            }
        }

        Assert.Equal(tasks.Count, await db.Tasks.CountAsync());
        Assert.Equal(3, await db.BoardColumns.Select(c => c.Id).Distinct().CountAsync() / users.Length);
    }
}
