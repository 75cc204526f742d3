using System.Linq.Expressions;
using TaskBoard.Data.Database;
using TaskBoard.Data.Tasks;

namespace TaskBoard.Data.Boards;

/// <summary>
/// Who may reach what, decided in one place: every task, column and board query starts from these,
/// inside the query itself, so a thing the user cannot reach behaves exactly like one that does not
/// exist. Today a user reaches the boards they own; sharing widens <see cref="Rule"/> and nothing else.
/// </summary>
public static class BoardAccess
{
    /// <summary>The rule: whether <c>userId</c> may reach <c>board</c>.</summary>
    private static readonly Expression<Func<Board, Guid, bool>> Rule = (board, userId) => board.OwnerId == userId;

    /// <summary>The boards <paramref name="userId"/> may reach, archived ones included.</summary>
    public static IQueryable<Board> Boards(TaskBoardDbContext db, Guid userId) => db.Boards.Where(RuleFor(userId));

    /// <summary>The columns of the boards <paramref name="userId"/> may reach.</summary>
    public static IQueryable<BoardColumn> Columns(TaskBoardDbContext db, Guid userId)
    {
        var boards = Boards(db, userId);
        return db.BoardColumns.Where(c => boards.Any(b => b.Id == c.BoardId));
    }

    /// <summary>The tasks on the boards <paramref name="userId"/> may reach.</summary>
    public static IQueryable<TaskItem> Tasks(TaskBoardDbContext db, Guid userId)
    {
        var boards = Boards(db, userId);
        return db.Tasks.Where(t => boards.Any(b => b.Id == t.BoardId));
    }

    /// <summary>The tasks on the reachable boards that are not archived: what lists and searches show when no board is named.</summary>
    public static IQueryable<TaskItem> ActiveTasks(TaskBoardDbContext db, Guid userId)
    {
        var boards = Boards(db, userId).Where(b => b.ArchivedAt == null);
        return db.Tasks.Where(t => boards.Any(b => b.Id == t.BoardId));
    }

    /// <summary>
    /// Stands for the rule inside a query written for <see cref="Compile{TDelegate}"/>, which replaces it
    /// with the rule itself; it cannot run on its own.
    /// </summary>
    public static bool Reaches(Board board, Guid userId) =>
        throw new InvalidOperationException("BoardAccess.Reaches only stands for the access rule inside a query passed to BoardAccess.Compile.");

    /// <summary>
    /// A query for <c>EF.CompileAsyncQuery</c> with every <see cref="Reaches"/> in it replaced by the rule:
    /// compiled queries cannot call <see cref="Boards"/>, and this way they still apply the one rule.
    /// </summary>
    public static Expression<TDelegate> Compile<TDelegate>(Expression<TDelegate> query) => (Expression<TDelegate>)new RuleInliner().Visit(query);

    /// <summary>The rule for one user, with the id as a query parameter (so every user shares one cached query plan).</summary>
    private static Expression<Func<Board, bool>> RuleFor(Guid userId)
    {
        var id = Expression.Field(Expression.Constant(new UserParameter(userId)), nameof(UserParameter.Value));
        return Expression.Lambda<Func<Board, bool>>(Substitute(Rule.Body, (Rule.Parameters[1], id)), Rule.Parameters[0]);
    }

    private static Expression Substitute(Expression body, params (ParameterExpression Parameter, Expression Value)[] replacements) =>
        new ParameterReplacer(replacements.ToDictionary(r => r.Parameter, r => r.Value)).Visit(body);

    private sealed class UserParameter(Guid value)
    {
        public readonly Guid Value = value;
    }

    private sealed class ParameterReplacer(Dictionary<ParameterExpression, Expression> replacements) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => replacements.GetValueOrDefault(node, node);
    }

    private sealed class RuleInliner : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node) =>
            node.Method.DeclaringType == typeof(BoardAccess) && node.Method.Name == nameof(Reaches)
                ? Substitute(Rule.Body, (Rule.Parameters[0], Visit(node.Arguments[0])), (Rule.Parameters[1], Visit(node.Arguments[1])))
                : base.VisitMethodCall(node);
    }
}
