using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Failsafe.Store.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HeaviestSets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sets_AthleteId_ExerciseId",
                table: "sets");

            migrationBuilder.AlterColumn<string>(
                name: "ExerciseId",
                table: "sets",
                type: "character varying(210)",
                maxLength: 210,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(120)",
                oldMaxLength: 120);

            migrationBuilder.CreateIndex(
                name: "IX_sets_AthleteId_ExerciseId_WeightKg",
                table: "sets",
                columns: new[] { "AthleteId", "ExerciseId", "WeightKg" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sets_AthleteId_ExerciseId_WeightKg",
                table: "sets");

            migrationBuilder.AlterColumn<string>(
                name: "ExerciseId",
                table: "sets",
                type: "character varying(120)",
                maxLength: 120,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(210)",
                oldMaxLength: 210);

            migrationBuilder.CreateIndex(
                name: "IX_sets_AthleteId_ExerciseId",
                table: "sets",
                columns: new[] { "AthleteId", "ExerciseId" });
        }
    }
}
