using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Failsafe.Store.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "checkins",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SleepHours = table.Column<double>(type: "REAL", nullable: true),
                    SleepQuality = table.Column<int>(type: "INTEGER", nullable: true),
                    Fatigue = table.Column<int>(type: "INTEGER", nullable: true),
                    Mood = table.Column<int>(type: "INTEGER", nullable: true),
                    Soreness = table.Column<int>(type: "INTEGER", nullable: true),
                    Aches = table.Column<int>(type: "INTEGER", nullable: true),
                    Motivation = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_checkins", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "custom_exercises",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Mechanic = table.Column<string>(type: "TEXT", nullable: false),
                    Equipment = table.Column<string>(type: "TEXT", nullable: false),
                    MaxFailure = table.Column<string>(type: "TEXT", nullable: false),
                    MaxFailureWithSpotter = table.Column<string>(type: "TEXT", nullable: false),
                    CnsDemand = table.Column<string>(type: "TEXT", nullable: false),
                    PrimaryMuscles = table.Column<string>(type: "TEXT", nullable: false),
                    Classified = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_custom_exercises", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "injuries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Since = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClearedOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_injuries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "profile_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProfileId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OldValue = table.Column<string>(type: "TEXT", nullable: true),
                    NewValue = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_profile_changes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "profiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TrainingYears = table.Column<double>(type: "REAL", nullable: false),
                    FormUnderFatigue = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SleepHours = table.Column<double>(type: "REAL", nullable: false),
                    Stress = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Goal = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    InSeason = table.Column<bool>(type: "INTEGER", nullable: false),
                    Split = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CompetitionPrep = table.Column<bool>(type: "INTEGER", nullable: false),
                    BodyweightKg = table.Column<double>(type: "REAL", nullable: true),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TrainingDays = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Phase = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_profiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sessions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DayType = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Name = table.Column<string>(type: "TEXT", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    ImportKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<long>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    ExerciseId = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    ExerciseName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    WeightKg = table.Column<double>(type: "REAL", nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    WeightEntered = table.Column<double>(type: "REAL", nullable: false),
                    Reps = table.Column<int>(type: "INTEGER", nullable: false),
                    Rir = table.Column<double>(type: "REAL", nullable: true),
                    Rpe = table.Column<double>(type: "REAL", nullable: true),
                    Failure = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Technique = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Warmup = table.Column<bool>(type: "INTEGER", nullable: false),
                    Drop = table.Column<bool>(type: "INTEGER", nullable: false),
                    FormBreakdown = table.Column<bool>(type: "INTEGER", nullable: false),
                    Pain = table.Column<bool>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", nullable: true),
                    LoggedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_sets_sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_checkins_Date",
                table: "checkins",
                column: "Date",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_custom_exercises_Name",
                table: "custom_exercises",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_events_Date",
                table: "events",
                column: "Date");

            migrationBuilder.CreateIndex(
                name: "IX_profile_changes_ProfileId_ChangedAt",
                table: "profile_changes",
                columns: new[] { "ProfileId", "ChangedAt" });

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
                name: "IX_sets_ExerciseId",
                table: "sets",
                column: "ExerciseId");

            migrationBuilder.CreateIndex(
                name: "IX_sets_SessionId_Order",
                table: "sets",
                columns: new[] { "SessionId", "Order" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "checkins");

            migrationBuilder.DropTable(
                name: "custom_exercises");

            migrationBuilder.DropTable(
                name: "events");

            migrationBuilder.DropTable(
                name: "injuries");

            migrationBuilder.DropTable(
                name: "profile_changes");

            migrationBuilder.DropTable(
                name: "profiles");

            migrationBuilder.DropTable(
                name: "sets");

            migrationBuilder.DropTable(
                name: "sessions");
        }
    }
}
