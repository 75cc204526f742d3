using Microsoft.EntityFrameworkCore;

namespace TaskBoard.Data.Database;

/// <summary>Hands out the configured provider's context as the shared <see cref="TaskBoardDbContext"/>.</summary>
internal sealed class TaskBoardDbContextFactory<TContext>(IDbContextFactory<TContext> inner)
    : IDbContextFactory<TaskBoardDbContext>
    where TContext : TaskBoardDbContext
{
    public TaskBoardDbContext CreateDbContext() => inner.CreateDbContext();
}
