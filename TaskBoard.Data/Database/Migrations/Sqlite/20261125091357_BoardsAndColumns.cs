using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskBoard.Data.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BoardsAndColumns : Migration
    {
        // SQLite has no UUID function: sixteen random bytes, written as EF Core writes a Guid (upper-case hex with dashes).
        private const string NewId = "upper(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-' || substr(h, 13, 4) || '-' || substr(h, 17, 4) || '-' || substr(h, 21, 12))";

        private const string Now = "strftime('%Y-%m-%d %H:%M:%f', 'now')";

        private static readonly string[] SQLITE_SQL =
        [
            $"INSERT INTO board (id, owner_id, name, created_at, updated_at, archived_at, version) SELECT {NewId}, u.id, 'My tasks', {Now}, {Now}, NULL, 1 FROM (SELECT id, hex(randomblob(16)) AS h FROM users) u;",
            $"INSERT INTO board_column (id, board_id, name, position, is_done, wip_limit, version) SELECT {NewId}, b.id, b.name, b.position, b.is_done, NULL, 1 FROM (SELECT board.id, c.name, c.position, c.is_done, hex(randomblob(16)) AS h FROM board CROSS JOIN (SELECT 'To do' AS name, 0 AS position, 0 AS is_done UNION ALL SELECT 'In progress', 1, 0 UNION ALL SELECT 'Done', 2, 1) c) b;",
            "UPDATE task SET board_id = (SELECT b.id FROM board b WHERE b.owner_id = task.user_id), column_id = (SELECT c.id FROM board_column c JOIN board b ON b.id = c.board_id WHERE b.owner_id = task.user_id AND c.position = task.status), completed_at = CASE WHEN task.status = 2 THEN coalesce(task.completed_at, task.updated_at) END;",
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "board",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    owner_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    archived_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_board", x => x.id);
                    table.ForeignKey(
                        name: "fk_board_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "board_column",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    board_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    is_done = table.Column<bool>(type: "INTEGER", nullable: false),
                    wip_limit = table.Column<int>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_board_column", x => x.id);
                    table.UniqueConstraint("ak_board_columns_id_board_id", x => new { x.id, x.board_id });
                    table.ForeignKey(
                        name: "fk_board_column_board_board_id",
                        column: x => x.board_id,
                        principalTable: "board",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddColumn<Guid>(
                name: "last_board_id",
                table: "users",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "board_id",
                table: "task",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "column_id",
                table: "task",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            // Every account gets "My tasks" with To do / In progress / Done, and each task moves into its owner's
            // board, into the column of its old status (0, 1, 2 = the columns' positions), keeping its position.
            // Completion follows the column.
            foreach (var statement in SQLITE_SQL)
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.DropIndex(
                name: "ix_task_user_id_created_at",
                table: "task");

            migrationBuilder.DropIndex(
                name: "ix_task_user_id_due_at",
                table: "task");

            migrationBuilder.DropIndex(
                name: "ix_task_user_id_status_position",
                table: "task");

            migrationBuilder.DropColumn(
                name: "status",
                table: "task");

            migrationBuilder.CreateIndex(
                name: "ix_task_board_id_created_at",
                table: "task",
                columns: new[] { "board_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_task_board_id_due_at",
                table: "task",
                columns: new[] { "board_id", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_task_column_id_board_id",
                table: "task",
                columns: new[] { "column_id", "board_id" });

            migrationBuilder.CreateIndex(
                name: "ix_task_column_id_position",
                table: "task",
                columns: new[] { "column_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_board_owner_id",
                table: "board",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_board_column_board_id_position",
                table: "board_column",
                columns: new[] { "board_id", "position" });

            migrationBuilder.AddForeignKey(
                name: "fk_task_board_columns_column_id_board_id",
                table: "task",
                columns: new[] { "column_id", "board_id" },
                principalTable: "board_column",
                principalColumns: new[] { "id", "board_id" },
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_task_boards_board_id",
                table: "task",
                column: "board_id",
                principalTable: "board",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_task_board_columns_column_id_board_id",
                table: "task");

            migrationBuilder.DropForeignKey(
                name: "fk_task_boards_board_id",
                table: "task");

            migrationBuilder.DropTable(
                name: "board_column");

            migrationBuilder.DropTable(
                name: "board");

            migrationBuilder.DropIndex(
                name: "ix_task_board_id_created_at",
                table: "task");

            migrationBuilder.DropIndex(
                name: "ix_task_board_id_due_at",
                table: "task");

            migrationBuilder.DropIndex(
                name: "ix_task_column_id_board_id",
                table: "task");

            migrationBuilder.DropIndex(
                name: "ix_task_column_id_position",
                table: "task");

            migrationBuilder.DropColumn(
                name: "last_board_id",
                table: "users");

            migrationBuilder.DropColumn(
                name: "board_id",
                table: "task");

            migrationBuilder.DropColumn(
                name: "column_id",
                table: "task");

            migrationBuilder.AddColumn<short>(
                name: "status",
                table: "task",
                type: "INTEGER",
                nullable: false,
                defaultValue: (short)0);

            migrationBuilder.CreateIndex(
                name: "ix_task_user_id_created_at",
                table: "task",
                columns: new[] { "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_task_user_id_due_at",
                table: "task",
                columns: new[] { "user_id", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_task_user_id_status_position",
                table: "task",
                columns: new[] { "user_id", "status", "position" });
        }
    }
}
