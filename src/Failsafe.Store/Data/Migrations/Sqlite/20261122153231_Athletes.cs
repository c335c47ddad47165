using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Failsafe.Store.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Athletes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sets_ExerciseId",
                table: "sets");

            migrationBuilder.DropIndex(
                name: "IX_sessions_Date",
                table: "sessions");

            migrationBuilder.DropIndex(
                name: "IX_sessions_ImportKey",
                table: "sessions");

            migrationBuilder.DropIndex(
                name: "IX_events_Date",
                table: "events");

            migrationBuilder.DropIndex(
                name: "IX_custom_exercises_Name",
                table: "custom_exercises");

            migrationBuilder.DropIndex(
                name: "IX_checkins_Date",
                table: "checkins");

            migrationBuilder.AddColumn<int>(
                name: "AthleteId",
                table: "sets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "sets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "AthleteId",
                table: "sessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "sessions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "AccountId",
                table: "profiles",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AthleteId",
                table: "plans",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "AthleteId",
                table: "injuries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "AthleteId",
                table: "events",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "AthleteId",
                table: "custom_exercises",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "AthleteId",
                table: "checkins",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // A personal database's rows belong to its one athlete: the profile, or 1 before `init` made it.
            foreach (var table in new[] { "custom_exercises", "sessions", "sets", "checkins", "events", "injuries", "plans" })
                migrationBuilder.Sql($"UPDATE \"{table}\" SET \"AthleteId\" = COALESCE((SELECT min(\"Id\") FROM \"profiles\"), 1);");

            migrationBuilder.CreateIndex(
                name: "IX_sets_AthleteId_ExerciseId",
                table: "sets",
                columns: new[] { "AthleteId", "ExerciseId" });

            migrationBuilder.CreateIndex(
                name: "IX_sessions_AthleteId_Date",
                table: "sessions",
                columns: new[] { "AthleteId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_sessions_AthleteId_ImportKey",
                table: "sessions",
                columns: new[] { "AthleteId", "ImportKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_profiles_AccountId",
                table: "profiles",
                column: "AccountId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_plans_AthleteId",
                table: "plans",
                column: "AthleteId");

            migrationBuilder.CreateIndex(
                name: "IX_injuries_AthleteId",
                table: "injuries",
                column: "AthleteId");

            migrationBuilder.CreateIndex(
                name: "IX_events_AthleteId_Date",
                table: "events",
                columns: new[] { "AthleteId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_custom_exercises_AthleteId_Name",
                table: "custom_exercises",
                columns: new[] { "AthleteId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_checkins_AthleteId_Date",
                table: "checkins",
                columns: new[] { "AthleteId", "Date" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_sets_AthleteId_ExerciseId",
                table: "sets");

            migrationBuilder.DropIndex(
                name: "IX_sessions_AthleteId_Date",
                table: "sessions");

            migrationBuilder.DropIndex(
                name: "IX_sessions_AthleteId_ImportKey",
                table: "sessions");

            migrationBuilder.DropIndex(
                name: "IX_profiles_AccountId",
                table: "profiles");

            migrationBuilder.DropIndex(
                name: "IX_plans_AthleteId",
                table: "plans");

            migrationBuilder.DropIndex(
                name: "IX_injuries_AthleteId",
                table: "injuries");

            migrationBuilder.DropIndex(
                name: "IX_events_AthleteId_Date",
                table: "events");

            migrationBuilder.DropIndex(
                name: "IX_custom_exercises_AthleteId_Name",
                table: "custom_exercises");

            migrationBuilder.DropIndex(
                name: "IX_checkins_AthleteId_Date",
                table: "checkins");

            migrationBuilder.DropColumn(
                name: "AthleteId",
                table: "sets");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "sets");

            migrationBuilder.DropColumn(
                name: "AthleteId",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "AccountId",
                table: "profiles");

            migrationBuilder.DropColumn(
                name: "AthleteId",
                table: "plans");

            migrationBuilder.DropColumn(
                name: "AthleteId",
                table: "injuries");

            migrationBuilder.DropColumn(
                name: "AthleteId",
                table: "events");

            migrationBuilder.DropColumn(
                name: "AthleteId",
                table: "custom_exercises");

            migrationBuilder.DropColumn(
                name: "AthleteId",
                table: "checkins");

            migrationBuilder.CreateIndex(
                name: "IX_sets_ExerciseId",
                table: "sets",
                column: "ExerciseId");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_Date",
                table: "sessions",
                column: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_sessions_ImportKey",
                table: "sessions",
                column: "ImportKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_events_Date",
                table: "events",
                column: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_custom_exercises_Name",
                table: "custom_exercises",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_checkins_Date",
                table: "checkins",
                column: "Date",
                unique: true);
        }
    }
}
