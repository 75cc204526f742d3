using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskBoard.Data.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TaskIdempotencyKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "idempotency_fingerprint",
                table: "task",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "idempotency_key",
                table: "task",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_task_user_id_idempotency_key",
                table: "task",
                columns: new[] { "user_id", "idempotency_key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_task_user_id_idempotency_key",
                table: "task");

            migrationBuilder.DropColumn(
                name: "idempotency_fingerprint",
                table: "task");

            migrationBuilder.DropColumn(
                name: "idempotency_key",
                table: "task");
        }
    }
}
