using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Failsafe.Store.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SessionStateAndEquipment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ChangesJson",
                table: "sessions",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Feeling",
                table: "sessions",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FinishedAt",
                table: "sessions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "SessionRpe",
                table: "sessions",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EquipmentJson",
                table: "profiles",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ChangesJson",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "Feeling",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "FinishedAt",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "SessionRpe",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "EquipmentJson",
                table: "profiles");
        }
    }
}
