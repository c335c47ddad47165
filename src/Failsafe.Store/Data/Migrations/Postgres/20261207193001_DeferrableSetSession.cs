using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Failsafe.Store.Data.Migrations.Postgres
{
    /// <summary>
    /// The foreign key from <c>sets</c> to <c>sessions</c> becomes deferrable, still checked at the end of each statement
    /// unless a transaction defers it: the PostgreSQL import does (<c>PostgresImportWriter.DeferredKey</c>). EF Core has
    /// no model setting for this, so it is SQL here; a later migration that drops and re-adds this key must keep it
    /// deferrable, or imports fail at their first statement (<c>SET CONSTRAINTS</c> refuses a key that is not).
    /// </summary>
    public partial class DeferrableSetSession : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE \"sets\" ALTER CONSTRAINT \"FK_sets_sessions_SessionId\" DEFERRABLE INITIALLY IMMEDIATE;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE \"sets\" ALTER CONSTRAINT \"FK_sets_sessions_SessionId\" NOT DEFERRABLE;");
        }
    }
}
