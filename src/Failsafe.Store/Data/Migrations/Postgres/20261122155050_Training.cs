using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Failsafe.Store.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Training : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "checkins",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AthleteId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    SleepHours = table.Column<double>(type: "double precision", nullable: true),
                    SleepQuality = table.Column<int>(type: "integer", nullable: true),
                    Fatigue = table.Column<int>(type: "integer", nullable: true),
                    Mood = table.Column<int>(type: "integer", nullable: true),
                    Soreness = table.Column<int>(type: "integer", nullable: true),
                    Aches = table.Column<int>(type: "integer", nullable: true),
                    Motivation = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_checkins", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "custom_exercises",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AthleteId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Mechanic = table.Column<string>(type: "text", nullable: false),
                    Equipment = table.Column<string>(type: "text", nullable: false),
                    MaxFailure = table.Column<string>(type: "text", nullable: false),
                    MaxFailureWithSpotter = table.Column<string>(type: "text", nullable: false),
                    CnsDemand = table.Column<string>(type: "text", nullable: false),
                    PrimaryMuscles = table.Column<string>(type: "text", nullable: false),
                    Classified = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_custom_exercises", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AthleteId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "injuries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AthleteId = table.Column<int>(type: "integer", nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Since = table.Column<DateOnly>(type: "date", nullable: false),
                    ClearedOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_injuries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "plans",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AthleteId = table.Column<int>(type: "integer", nullable: false),
                    Start = table.Column<DateOnly>(type: "date", nullable: false),
                    Weeks = table.Column<int>(type: "integer", nullable: false),
                    Days = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    TemplateJson = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "profile_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProfileId = table.Column<int>(type: "integer", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Field = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OldValue = table.Column<string>(type: "text", nullable: true),
                    NewValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_profile_changes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "profiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TrainingYears = table.Column<double>(type: "double precision", nullable: false),
                    FormUnderFatigue = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SleepHours = table.Column<double>(type: "double precision", nullable: false),
                    Stress = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Goal = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    InSeason = table.Column<bool>(type: "boolean", nullable: false),
                    Split = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CompetitionPrep = table.Column<bool>(type: "boolean", nullable: false),
                    BodyweightKg = table.Column<double>(type: "double precision", nullable: true),
                    Unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    TrainingDays = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Phase = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Revision = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_profiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sessions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AthleteId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    DayType = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Name = table.Column<string>(type: "text", nullable: true),
                    Source = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ImportKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Notes = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AthleteId = table.Column<int>(type: "integer", nullable: false),
                    SessionId = table.Column<long>(type: "bigint", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    ExerciseId = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    ExerciseName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    WeightKg = table.Column<double>(type: "double precision", nullable: false),
                    Unit = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    WeightEntered = table.Column<double>(type: "double precision", nullable: false),
                    Reps = table.Column<int>(type: "integer", nullable: false),
                    Rir = table.Column<double>(type: "double precision", nullable: true),
                    Rpe = table.Column<double>(type: "double precision", nullable: true),
                    Failure = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Technique = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Warmup = table.Column<bool>(type: "boolean", nullable: false),
                    Drop = table.Column<bool>(type: "boolean", nullable: false),
                    FormBreakdown = table.Column<bool>(type: "boolean", nullable: false),
                    Pain = table.Column<bool>(type: "boolean", nullable: false),
                    Notes = table.Column<string>(type: "text", nullable: true),
                    LoggedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ClientKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ClientHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
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
                name: "IX_checkins_AthleteId_Date",
                table: "checkins",
                columns: new[] { "AthleteId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_custom_exercises_AthleteId_Name",
                table: "custom_exercises",
                columns: new[] { "AthleteId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_events_AthleteId_Date",
                table: "events",
                columns: new[] { "AthleteId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_injuries_AthleteId",
                table: "injuries",
                column: "AthleteId");

            migrationBuilder.CreateIndex(
                name: "IX_plans_AthleteId",
                table: "plans",
                column: "AthleteId");

            migrationBuilder.CreateIndex(
                name: "IX_profile_changes_ProfileId_ChangedAt",
                table: "profile_changes",
                columns: new[] { "ProfileId", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_profiles_AccountId",
                table: "profiles",
                column: "AccountId",
                unique: true);

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
                name: "IX_sets_AthleteId_ClientKey",
                table: "sets",
                columns: new[] { "AthleteId", "ClientKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sets_AthleteId_ExerciseId",
                table: "sets",
                columns: new[] { "AthleteId", "ExerciseId" });

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
                name: "plans");

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
