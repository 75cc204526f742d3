using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskBoard.Data.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SharedBoards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The creator of a task was its owner; with shared boards a task outlives its creator's account.
            migrationBuilder.DropForeignKey(
                name: "fk_task_users_user_id",
                table: "task");

            migrationBuilder.DropIndex(
                name: "ix_task_user_id_idempotency_key",
                table: "task");

            migrationBuilder.RenameColumn(
                name: "user_id",
                table: "task",
                newName: "created_by");

            migrationBuilder.AlterColumn<Guid>(
                name: "created_by",
                table: "task",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "assignee_ids",
                table: "task",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<Guid>(
                name: "updated_by",
                table: "task",
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql("UPDATE task SET updated_by = created_by;");

            migrationBuilder.CreateTable(
                name: "board_invitation",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    board_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    role = table.Column<short>(type: "INTEGER", nullable: false),
                    invited_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_board_invitation", x => x.id);
                    table.ForeignKey(
                        name: "fk_board_invitation_board_board_id",
                        column: x => x.board_id,
                        principalTable: "board",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_board_invitation_users_invited_by",
                        column: x => x.invited_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "board_member",
                columns: table => new
                {
                    board_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    role = table.Column<short>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_board_member", x => new { x.board_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_board_member_board_board_id",
                        column: x => x.board_id,
                        principalTable: "board",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_board_member_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "task_activity",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    task_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    actor_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    details = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_activity", x => x.id);
                    table.ForeignKey(
                        name: "fk_task_activity_task_task_id",
                        column: x => x.task_id,
                        principalTable: "task",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_task_activity_users_actor_id",
                        column: x => x.actor_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "task_comment",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    task_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    author_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    body = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_comment", x => x.id);
                    table.ForeignKey(
                        name: "fk_task_comment_task_task_id",
                        column: x => x.task_id,
                        principalTable: "task",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_task_comment_users_author_id",
                        column: x => x.author_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            // Every board's owner is its first member: the access rule reads members only.
            migrationBuilder.Sql("INSERT INTO board_member (board_id, user_id, role, created_at) SELECT id, owner_id, 3, created_at FROM board;");

            migrationBuilder.CreateIndex(
                name: "ix_task_created_by_idempotency_key",
                table: "task",
                columns: new[] { "created_by", "idempotency_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_task_updated_by",
                table: "task",
                column: "updated_by");

            migrationBuilder.CreateIndex(
                name: "ix_board_invitation_board_id_normalized_email",
                table: "board_invitation",
                columns: new[] { "board_id", "normalized_email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_board_invitation_invited_by",
                table: "board_invitation",
                column: "invited_by");

            migrationBuilder.CreateIndex(
                name: "ix_board_invitation_normalized_email",
                table: "board_invitation",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "ix_board_invitation_token_hash",
                table: "board_invitation",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_board_member_one_owner",
                table: "board_member",
                column: "board_id",
                unique: true,
                filter: "role = 3");

            migrationBuilder.CreateIndex(
                name: "ix_board_member_user_id_board_id_role",
                table: "board_member",
                columns: new[] { "user_id", "board_id", "role" });

            migrationBuilder.CreateIndex(
                name: "ix_task_activity_actor_id",
                table: "task_activity",
                column: "actor_id");

            migrationBuilder.CreateIndex(
                name: "ix_task_activity_task_id_at_id",
                table: "task_activity",
                columns: new[] { "task_id", "at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_task_comment_author_id",
                table: "task_comment",
                column: "author_id");

            migrationBuilder.CreateIndex(
                name: "ix_task_comment_task_id_created_at_id",
                table: "task_comment",
                columns: new[] { "task_id", "created_at", "id" });

            migrationBuilder.AddForeignKey(
                name: "fk_task_users_created_by",
                table: "task",
                column: "created_by",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "fk_task_users_updated_by",
                table: "task",
                column: "updated_by",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_task_users_created_by",
                table: "task");

            migrationBuilder.DropForeignKey(
                name: "fk_task_users_updated_by",
                table: "task");

            migrationBuilder.DropTable(
                name: "board_invitation");

            migrationBuilder.DropTable(
                name: "board_member");

            migrationBuilder.DropTable(
                name: "task_activity");

            migrationBuilder.DropTable(
                name: "task_comment");

            migrationBuilder.DropIndex(
                name: "ix_task_created_by_idempotency_key",
                table: "task");

            migrationBuilder.DropIndex(
                name: "ix_task_updated_by",
                table: "task");

            migrationBuilder.DropColumn(
                name: "assignee_ids",
                table: "task");

            migrationBuilder.DropColumn(
                name: "updated_by",
                table: "task");

            // Before shared boards every task had its creator: one whose account is gone goes with it.
            migrationBuilder.Sql("DELETE FROM task WHERE created_by IS NULL;");

            migrationBuilder.RenameColumn(
                name: "created_by",
                table: "task",
                newName: "user_id");

            migrationBuilder.AlterColumn<Guid>(
                name: "user_id",
                table: "task",
                type: "TEXT",
                nullable: false,
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_task_user_id_idempotency_key",
                table: "task",
                columns: new[] { "user_id", "idempotency_key" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_task_users_user_id",
                table: "task",
                column: "user_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
