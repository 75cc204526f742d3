using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskBoard.Data.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SignInThrottleAndScopes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "scopes",
                table: "auth_session",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // Tokens made before scopes keep what they could do: personal access tokens the task scopes, sign-ins everything.
            migrationBuilder.Sql("UPDATE auth_session SET scopes = CASE kind WHEN 'token' THEN 'tasks:read tasks:write' ELSE 'tasks:read tasks:write account' END;");

            // Lockout moved to sign_in_throttle, and no longer ends existing sessions.
            migrationBuilder.Sql("UPDATE users SET lockout_end = NULL, access_failed_count = 0;");

            migrationBuilder.CreateTable(
                name: "sign_in_throttle",
                columns: table => new
                {
                    email_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    locked_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sign_in_throttle", x => x.email_hash);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sign_in_throttle");

            migrationBuilder.DropColumn(
                name: "scopes",
                table: "auth_session");
        }
    }
}
