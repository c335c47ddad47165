using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Failsafe.Store.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProfilePreset : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Preset",
                table: "profiles",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Preset",
                table: "profiles");
        }
    }
}
