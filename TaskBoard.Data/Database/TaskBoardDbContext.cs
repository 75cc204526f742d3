using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TaskBoard.Data.Audit;
using TaskBoard.Data.Sessions;
using TaskBoard.Data.Tasks;
using TaskBoard.Data.Users;

namespace TaskBoard.Data.Database;

/// <summary>
/// The model shared by both providers. Each provider has its own subclass so that each keeps its
/// own migrations (<see cref="PostgresDbContext"/>, <see cref="SqliteDbContext"/>); everything else
/// depends on this type through <see cref="IDbContextFactory{TContext}"/>.
/// </summary>
public abstract class TaskBoardDbContext(DbContextOptions options)
    : IdentityUserContext<AppUser, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<TaskItem> Tasks => Set<TaskItem>();
    public DbSet<AuthSession> AuthSessions => Set<AuthSession>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SignInThrottleEntry> SignInThrottle => Set<SignInThrottleEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(user =>
        {
            user.ToTable("users");
            user.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength);
            user.HasIndex(u => u.NormalizedUserName).HasDatabaseName("ix_users_normalized_user_name");
            // Unique in the database too, so two simultaneous sign-ups cannot both claim one address.
            user.HasIndex(u => u.NormalizedEmail).HasDatabaseName("ix_users_normalized_email").IsUnique();
        });
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        builder.Entity<TaskItem>(task =>
        {
            task.ToTable("task");
            task.HasKey(t => t.Id);
            task.Property(t => t.Id).ValueGeneratedNever();
            task.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
            task.Property(t => t.Title).HasMaxLength(TaskItem.TitleMaxLength).IsRequired();
            task.Property(t => t.Description).HasMaxLength(TaskItem.DescriptionMaxLength);
            task.Property(t => t.Version).IsConcurrencyToken();
            // The board reads one column in order; paging by any sort starts from the user.
            task.HasIndex(t => new { t.UserId, t.Status, t.Position });
            task.HasIndex(t => new { t.UserId, t.DueAt });
            task.HasIndex(t => new { t.UserId, t.CreatedAt });
            // A retried create finds the first one; two racing creates with one key cannot both insert.
            task.Property(t => t.IdempotencyKey).HasMaxLength(TaskItem.IdempotencyKeyMaxLength);
            task.Property(t => t.IdempotencyFingerprint).HasMaxLength(64);
            task.HasIndex(t => new { t.UserId, t.IdempotencyKey }).IsUnique();
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
