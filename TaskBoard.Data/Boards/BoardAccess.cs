using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Database;
using TaskBoard.Data.Tasks;

namespace TaskBoard.Data.Boards;

/// <summary>
/// Who may reach what, decided in one place: every task, column, board, member, comment and activity
/// query starts from these, inside the query itself, so a thing the user cannot reach behaves exactly
/// like one that does not exist. A user reaches the boards they are a member of (the owner is one too),
/// and may do there what their <see cref="BoardRole"/> allows: the <c>at</c> parameters ask for a role at
/// least that strong.
/// </summary>
public static class BoardAccess
{
    /// <summary>The rule: whether <c>userId</c> is a member of <c>board</c> with at least <c>role</c>.</summary>
    private static readonly Expression<Func<Board, Guid, BoardRole, bool>> Rule =
        (board, userId, role) => board.Members.Any(m => m.UserId == userId && m.Role >= role);

    /// <summary>The boards <paramref name="userId"/> reaches with at least role <paramref name="at"/>, archived ones included.</summary>
    public static IQueryable<Board> Boards(TaskBoardDbContext db, Guid userId, BoardRole at = BoardRole.Viewer) => db.Boards.Where(RuleFor(userId, at));

    /// <summary>The columns of the boards <paramref name="userId"/> reaches with at least <paramref name="at"/>.</summary>
    public static IQueryable<BoardColumn> Columns(TaskBoardDbContext db, Guid userId, BoardRole at = BoardRole.Viewer)
    {
        var boards = Boards(db, userId, at);
        return db.BoardColumns.Where(c => boards.Any(b => b.Id == c.BoardId));
    }

    /// <summary>The tasks on the boards <paramref name="userId"/> reaches with at least <paramref name="at"/>.</summary>
    public static IQueryable<TaskItem> Tasks(TaskBoardDbContext db, Guid userId, BoardRole at = BoardRole.Viewer)
    {
        var boards = Boards(db, userId, at);
        return db.Tasks.Where(t => boards.Any(b => b.Id == t.BoardId));
    }

    /// <summary>The tasks on the reachable boards that are not archived: what lists and searches show when no board is named.</summary>
    public static IQueryable<TaskItem> ActiveTasks(TaskBoardDbContext db, Guid userId)
    {
        var boards = Boards(db, userId).Where(b => b.ArchivedAt == null);
        return db.Tasks.Where(t => boards.Any(b => b.Id == t.BoardId));
    }

    /// <summary>The user's role on a board, or null when they do not reach it.</summary>
    public static Task<BoardRole?> RoleAsync(TaskBoardDbContext db, Guid userId, Guid boardId, CancellationToken cancellationToken) =>
        db.BoardMembers.Where(m => m.BoardId == boardId && m.UserId == userId).Select(m => (BoardRole?)m.Role).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Why a write that needed role <paramref name="needed"/> found nothing in <paramref name="reachable"/>'s
    /// place: when the user reaches the thing with a weaker role, they may know it exists, so it is
    /// refused (403); otherwise it does not exist for them (404).
    /// </summary>
    public static async Task<WriteResult<T>> RefusalAsync<T, TSource>(IQueryable<TSource> reachable, BoardRole needed, string? missing, CancellationToken cancellationToken) =>
        await reachable.AnyAsync(cancellationToken) ? WriteResult<T>.Forbidden(RefusalReason(needed)) : WriteResult<T>.NotFound(missing);

    /// <summary>The sentence for a write the user's role does not allow.</summary>
    public static string RefusalReason(BoardRole needed) => needed switch
    {
        BoardRole.Owner => "Only the board's owner can do that.",
        _ => "Viewers can read this board but not change it.",
    };

    /// <summary>
    /// Stands for the rule (any role) inside a query written for <see cref="Compile{TDelegate}"/>, which
    /// replaces it with the rule itself; it cannot run on its own.
    /// </summary>
    public static bool Reaches(Board board, Guid userId) =>
        throw new InvalidOperationException("BoardAccess.Reaches only stands for the access rule inside a query passed to BoardAccess.Compile.");

    /// <summary>Stands for the rule with an editor's role inside a query written for <see cref="Compile{TDelegate}"/>, like <see cref="Reaches"/>.</summary>
    public static bool Edits(Board board, Guid userId) =>
        throw new InvalidOperationException("BoardAccess.Edits only stands for the access rule inside a query passed to BoardAccess.Compile.");

    /// <summary>
    /// A query for <c>EF.CompileAsyncQuery</c> with every <see cref="Reaches"/> and <see cref="Edits"/> in it replaced by the rule:
    /// compiled queries cannot call <see cref="Boards"/>, and this way they still apply the one rule.
    /// </summary>
    public static Expression<TDelegate> Compile<TDelegate>(Expression<TDelegate> query) => (Expression<TDelegate>)new RuleInliner().Visit(query);

    /// <summary>The rule for one user, with the id as a query parameter (so every user shares one cached query plan).</summary>
    private static Expression<Func<Board, bool>> RuleFor(Guid userId, BoardRole at)
    {
        var id = Expression.Field(Expression.Constant(new UserParameter(userId)), nameof(UserParameter.Value));
        return Expression.Lambda<Func<Board, bool>>(
            Substitute(Rule.Body, (Rule.Parameters[1], id), (Rule.Parameters[2], Expression.Constant(at))), Rule.Parameters[0]);
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
            node.Method.DeclaringType == typeof(BoardAccess) && node.Method.Name is nameof(Reaches) or nameof(Edits)
                ? Substitute(Rule.Body,
                    (Rule.Parameters[0], Visit(node.Arguments[0])),
                    (Rule.Parameters[1], Visit(node.Arguments[1])),
                    (Rule.Parameters[2], Expression.Constant(node.Method.Name == nameof(Edits) ? BoardRole.Editor : BoardRole.Viewer)))
                : base.VisitMethodCall(node);
    }
}
