using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskBoard.Data.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DueDaysAndTimeZones : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "time_zone",
                table: "users",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "due_is_date",
                table: "task",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // The board's dialog used to save a due day as 23:59:59 UTC of that day: those become days.
            migrationBuilder.Sql("UPDATE task SET due_is_date = 1, due_at = substr(due_at, 1, 10) || ' 00:00:00' WHERE due_at LIKE '% 23:59:59';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "time_zone",
                table: "users");

            migrationBuilder.DropColumn(
                name: "due_is_date",
                table: "task");
        }
    }
}
