using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Failsafe.Store.Data.Migrations.Sqlite
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

            migrationBuilder.CreateIndex(
                name: "IX_sets_AthleteId_ExerciseId",
                table: "sets",
                columns: new[] { "AthleteId", "ExerciseId" });
        }
    }
}
