using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Failsafe.Store.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartialClientKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sets_AthleteId_ClientKey",
                table: "sets");

            migrationBuilder.CreateIndex(
                name: "IX_sets_AthleteId_ClientKey",
                table: "sets",
                columns: new[] { "AthleteId", "ClientKey" },
                unique: true,
                filter: "\"ClientKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sets_AthleteId_ClientKey",
                table: "sets");

            migrationBuilder.CreateIndex(
                name: "IX_sets_AthleteId_ClientKey",
                table: "sets",
                columns: new[] { "AthleteId", "ClientKey" },
                unique: true);
        }
    }
}
