using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Boards;
using TaskBoard.Data.Email;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Sharing;
using TaskBoard.Data.Tasks;
using TaskBoard.Data.Users;

namespace TaskBoard.Data.Database;

/// <summary>
/// The model shared by both providers. Each provider has its own subclass so that each keeps its
/// own migrations (<see cref="PostgresDbContext"/>, <see cref="SqliteDbContext"/>); everything else
/// depends on this type through <see cref="IDbContextFactory{TContext}"/>.
/// </summary>
public abstract class TaskBoardDbContext(DbContextOptions options)
    : IdentityUserContext<AppUser, Guid, IdentityUserClaim<Guid>, IdentityUserLogin<Guid>, IdentityUserToken<Guid>, IdentityUserPasskey<Guid>>(options),
        IDataProtectionKeyContext
{
    /// <summary>The shadow property of a passkey row that says when it last signed in.</summary>
    public const string LastUsedAtColumn = "LastUsedAt";

    public DbSet<TaskItem> Tasks => Set<TaskItem>();
    public DbSet<Board> Boards => Set<Board>();
    public DbSet<BoardColumn> BoardColumns => Set<BoardColumn>();
    public DbSet<BoardMember> BoardMembers => Set<BoardMember>();
    public DbSet<BoardInvitation> BoardInvitations => Set<BoardInvitation>();
    public DbSet<TaskComment> TaskComments => Set<TaskComment>();
    public DbSet<TaskActivity> TaskActivities => Set<TaskActivity>();
    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SignInThrottleEntry> SignInThrottle => Set<SignInThrottleEntry>();
    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();
    public DbSet<KnownDevice> KnownDevices => Set<KnownDevice>();
    public DbSet<OutboxMessage> EmailOutbox => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength);
            user.Property(u => u.TimeZone).HasMaxLength(AppUser.TimeZoneMaxLength);
            user.HasIndex(u => u.NormalizedUserName).HasDatabaseName("ix_users_normalized_user_name");
            // Unique in the database too, so two simultaneous sign-ups cannot both claim one address.
            user.HasIndex(u => u.NormalizedEmail).HasDatabaseName("ix_users_normalized_email").IsUnique();
        });
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        // Passkeys are configured here rather than by Identity's schema version 3, whose model depends on
        // options that the migration tools do not have: this way every context has the same model.
        builder.Entity<IdentityUserPasskey<Guid>>(passkey =>
        {
            passkey.ToTable("user_passkeys");
            // When it last signed in (Identity keeps when it was made, not when it was used); only TaskBoard writes it.
            passkey.Property<DateTime?>(LastUsedAtColumn);
            passkey.HasKey(p => p.CredentialId);
            passkey.Property(p => p.CredentialId).HasMaxLength(1024); // WebAuthn: at most 1023 bytes
            passkey.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
            passkey.HasIndex(p => p.UserId);
            passkey.OwnsOne(p => p.Data).ToJson();
        });
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        builder.Entity<TaskItem>(task =>
        {
            task.ToTable("task");
            task.HasKey(t => t.Id);
            task.Property(t => t.Id).ValueGeneratedNever();
            // Who created and last changed a task outlive their accounts as nulls: a shared board keeps its tasks.
            task.HasOne<AppUser>().WithMany().HasForeignKey(t => t.CreatedBy).OnDelete(DeleteBehavior.SetNull);
            task.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UpdatedBy).OnDelete(DeleteBehavior.SetNull);
            task.Property(t => t.Title).HasMaxLength(TaskItem.TitleMaxLength).IsRequired();
            task.Property(t => t.Description).HasMaxLength(TaskItem.DescriptionMaxLength);
            task.Property(t => t.Version).IsConcurrencyToken();
            task.HasOne<Board>().WithMany().HasForeignKey(t => t.BoardId).OnDelete(DeleteBehavior.Cascade);
            // The column and the board together: a task can only stand in a column of its own board.
            task.HasOne(t => t.Column).WithMany().HasForeignKey(t => new { t.ColumnId, t.BoardId })
                .HasPrincipalKey(c => new { c.Id, c.BoardId }).OnDelete(DeleteBehavior.Cascade);
            // The board reads one column in order; other sorts and filters start from the board.
            task.HasIndex(t => new { t.ColumnId, t.Position });
            task.HasIndex(t => new { t.BoardId, t.DueAt });
            task.HasIndex(t => new { t.BoardId, t.CreatedAt });
            // A retried create finds the first one; two racing creates with one key cannot both insert.
            task.Property(t => t.IdempotencyKey).HasMaxLength(TaskItem.IdempotencyKeyMaxLength);
            task.Property(t => t.IdempotencyFingerprint).HasMaxLength(64);
            task.HasIndex(t => new { t.CreatedBy, t.IdempotencyKey }).IsUnique();
        });

        builder.Entity<TaskComment>(comment =>
        {
            comment.ToTable("task_comment");
            comment.HasKey(c => c.Id);
            comment.Property(c => c.Id).ValueGeneratedNever();
            comment.HasOne<TaskItem>().WithMany().HasForeignKey(c => c.TaskId).OnDelete(DeleteBehavior.Cascade);
            comment.HasOne<AppUser>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.SetNull);
            comment.Property(c => c.Body).HasMaxLength(TaskComment.BodyMaxLength).IsRequired();
            comment.Property(c => c.Version).IsConcurrencyToken();
            comment.HasIndex(c => new { c.TaskId, c.CreatedAt, c.Id });
        });

        builder.Entity<TaskActivity>(activity =>
        {
            activity.ToTable("task_activity");
            activity.HasKey(a => a.Id);
            activity.Property(a => a.Id).ValueGeneratedNever();
            activity.HasOne<TaskItem>().WithMany().HasForeignKey(a => a.TaskId).OnDelete(DeleteBehavior.Cascade);
            activity.HasOne<AppUser>().WithMany().HasForeignKey(a => a.ActorId).OnDelete(DeleteBehavior.SetNull);
            activity.Property(a => a.Kind)
                .HasConversion(k => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(k.ToString()), s => Enum.Parse<ActivityKind>(s.Replace("_", ""), true))
                .HasMaxLength(16);
            activity.Property(a => a.Details).HasMaxLength(TaskActivity.DetailsMaxLength).IsRequired();
            activity.HasIndex(a => new { a.TaskId, a.At, a.Id });
        });

        builder.Entity<Board>(board =>
        {
            board.ToTable("board");
            board.HasKey(b => b.Id);
            board.Property(b => b.Id).ValueGeneratedNever();
            board.HasOne<AppUser>().WithMany().HasForeignKey(b => b.OwnerId).OnDelete(DeleteBehavior.Cascade);
            board.Property(b => b.Name).HasMaxLength(Board.NameMaxLength).IsRequired();
            board.Property(b => b.Version).IsConcurrencyToken();
            board.HasMany(b => b.Columns).WithOne().HasForeignKey(c => c.BoardId).OnDelete(DeleteBehavior.Cascade);
            board.HasMany(b => b.Members).WithOne().HasForeignKey(m => m.BoardId).OnDelete(DeleteBehavior.Cascade);
            board.HasIndex(b => b.OwnerId);
            board.Ignore(b => b.Role);
        });

        builder.Entity<BoardMember>(member =>
        {
            member.ToTable("board_member");
            member.HasKey(m => new { m.BoardId, m.UserId });
            member.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            // "Which boards does this user reach": every access check starts here.
            member.HasIndex(m => new { m.UserId, m.BoardId, m.Role });
            // One owner per board, whatever a bug or a race might try.
            member.HasIndex(m => m.BoardId).IsUnique().HasFilter($"role = {(short)BoardRole.Owner}").HasDatabaseName("ix_board_member_one_owner");
        });

        builder.Entity<BoardInvitation>(invitation =>
        {
            invitation.ToTable("board_invitation");
            invitation.HasKey(i => i.Id);
            invitation.Property(i => i.Id).ValueGeneratedNever();
            invitation.HasOne<Board>().WithMany().HasForeignKey(i => i.BoardId).OnDelete(DeleteBehavior.Cascade);
            invitation.HasOne<AppUser>().WithMany().HasForeignKey(i => i.InvitedBy).OnDelete(DeleteBehavior.SetNull);
            invitation.Property(i => i.Email).HasMaxLength(BoardInvitation.EmailMaxLength).IsRequired();
            invitation.Property(i => i.NormalizedEmail).HasMaxLength(BoardInvitation.EmailMaxLength).IsRequired();
            invitation.Property(i => i.TokenHash).HasMaxLength(BoardInvitation.TokenHashLength).IsRequired();
            // One open invitation per address and board: inviting again renews it.
            invitation.HasIndex(i => new { i.BoardId, i.NormalizedEmail }).IsUnique();
            invitation.HasIndex(i => i.NormalizedEmail);
            invitation.HasIndex(i => i.TokenHash).IsUnique();
        });

        builder.Entity<BoardColumn>(column =>
        {
            column.ToTable("board_column");
            column.HasKey(c => c.Id);
            column.Property(c => c.Id).ValueGeneratedNever();
            column.Property(c => c.Name).HasMaxLength(BoardColumn.NameMaxLength).IsRequired();
            column.Property(c => c.Version).IsConcurrencyToken();
            column.HasIndex(c => new { c.BoardId, c.Position });
        });

        builder.Entity<AuthSession>(session =>
        {
            session.ToTable("auth_session");
            session.HasKey(s => s.Id);
            session.Property(s => s.Id).ValueGeneratedNever();
            session.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            session.Property(s => s.Kind)
                .HasConversion(k => k.ToString().ToLowerInvariant(), s => Enum.Parse<SessionKind>(s, true))
                .HasMaxLength(16);
            session.Property(s => s.Name).HasMaxLength(AuthSession.NameMaxLength);
            session.Property(s => s.Ip).HasMaxLength(AuthSession.IpMaxLength);
            session.Property(s => s.UserAgent).HasMaxLength(AuthSession.UserAgentMaxLength);
            session.Property(s => s.Scopes).HasMaxLength(AuthSession.ScopesMaxLength).IsRequired();
            session.HasIndex(s => new { s.UserId, s.CreatedAt });
        });

        builder.Entity<SignInThrottleEntry>(throttle =>
        {
            throttle.ToTable("sign_in_throttle");
            throttle.HasKey(t => t.EmailHash);
            throttle.Property(t => t.EmailHash).HasMaxLength(SignInThrottleEntry.EmailHashLength);
        });

        builder.Entity<AccountToken>(token =>
        {
            token.ToTable("account_token");
            token.HasKey(t => t.Id);
            token.Property(t => t.Id).ValueGeneratedNever();
            token.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
            token.Property(t => t.Purpose)
                .HasConversion(p => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(p.ToString()), s => Enum.Parse<AccountTokenPurpose>(s.Replace("_", ""), true))
                .HasMaxLength(32);
            token.Property(t => t.TokenHash).HasMaxLength(AccountToken.HashLength).IsRequired();
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.Property(t => t.Data).HasMaxLength(AccountToken.DataMaxLength);
            token.HasIndex(t => new { t.UserId, t.Purpose, t.CreatedAt });
        });

        builder.Entity<KnownDevice>(device =>
        {
            device.ToTable("known_device");
            device.HasKey(d => new { d.UserId, d.DeviceHash });
            device.HasOne<AppUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
            device.Property(d => d.DeviceHash).HasMaxLength(KnownDevice.HashLength);
        });

        builder.Entity<OutboxMessage>(message =>
        {
            message.ToTable("email_outbox");
            message.HasKey(m => m.Id);
            message.Property(m => m.Id).ValueGeneratedNever();
            message.Property(m => m.Kind).HasMaxLength(OutboxMessage.KindMaxLength).IsRequired();
            message.Property(m => m.Recipient).HasMaxLength(OutboxMessage.AddressMaxLength).IsRequired();
            message.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength).IsRequired();
            message.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
            message.Property(m => m.ClaimedBy).HasMaxLength(OutboxMessage.InstanceMaxLength);
            // The sender's question: what is due and unsent?
            message.HasIndex(m => new { m.SentAt, m.FailedAt, m.NextAttemptAt });
        });

        builder.Entity<AuditEvent>(audit =>
        {
            audit.ToTable("audit_event");
            audit.HasKey(a => a.Id);
            audit.Property(a => a.Id).ValueGeneratedNever();
            // Audit rows outlive a deleted account's foreign key on purpose: no FK, so they stay.
            audit.Property(a => a.Kind).HasMaxLength(AuditEvent.KindMaxLength).IsRequired();
            audit.Property(a => a.Ip).HasMaxLength(AuthSession.IpMaxLength);
            audit.Property(a => a.UserAgent).HasMaxLength(AuthSession.UserAgentMaxLength);
            audit.Property(a => a.Detail).HasMaxLength(AuditEvent.DetailMaxLength);
            audit.HasIndex(a => new { a.UserId, a.At });
        });
    }
}
