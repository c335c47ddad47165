using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Failsafe.Store.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClientKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClientHash",
                table: "sets",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClientKey",
                table: "sets",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Revision",
                table: "profiles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_sets_AthleteId_ClientKey",
                table: "sets",
                columns: new[] { "AthleteId", "ClientKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sets_AthleteId_ClientKey",
                table: "sets");

            migrationBuilder.DropColumn(
                name: "ClientHash",
                table: "sets");

            migrationBuilder.DropColumn(
                name: "ClientKey",
                table: "sets");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "profiles");
        }
    }
}
