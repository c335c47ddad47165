using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Failsafe.Store.Data.Migrations.Sqlite
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
                type: "TEXT",
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
