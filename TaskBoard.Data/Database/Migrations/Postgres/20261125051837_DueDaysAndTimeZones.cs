using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskBoard.Data.Database.Migrations.Postgres
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
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "due_is_date",
                table: "task",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // The board's dialog used to save a due day as 23:59:59 UTC of that day: those become days.
            migrationBuilder.Sql("UPDATE task SET due_is_date = true, due_at = date_trunc('day', due_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' WHERE due_at IS NOT NULL AND (due_at AT TIME ZONE 'UTC')::time = '23:59:59';");
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
