using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Tasks;

namespace TaskBoard.Data.Database;

public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : TaskBoardDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Tags are a text[]; a GIN index answers "has this tag" without scanning the user's tasks.
        builder.Entity<TaskItem>().HasIndex(t => t.Tags).HasMethod("gin");
        // Assignees are a uuid[]; "assigned to me" across every board uses this index the same way.
        builder.Entity<TaskItem>().HasIndex(t => t.AssigneeIds).HasMethod("gin");
    }
}
