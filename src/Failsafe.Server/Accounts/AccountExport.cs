using System.Text.Json;
using Failsafe.Server.Training;
using Failsafe.Store.Data;
using Microsoft.EntityFrameworkCore;

namespace Failsafe.Server.Accounts;

/// <summary>Everything an account holds, in one JSON document: the account, profile and its changes, the whole log, plans and coaching links.</summary>
public static class AccountExport
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<byte[]> Write(FailsafeDb db, Account user, IReadOnlyList<CoachLink> links, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var document = new
        {
            account = new { id = user.Id, email = user.Email, createdAt = user.CreatedAt },
            profile = await db.MyProfile.AsNoTracking().FirstOrDefaultAsync(cancel),
            profileChanges = await db.ProfileChanges.AsNoTracking().Where(c => c.ProfileId == db.AthleteId).OrderBy(c => c.ChangedAt).ToListAsync(cancel),
            sessions = Store.Training.LogReader.For(db).Sessions().Select(SessionEndpoints.View).ToList(),
            checkIns = await db.Mine<CheckInRow>().AsNoTracking().OrderBy(c => c.Date).ToListAsync(cancel),
            events = await db.Mine<EventRow>().AsNoTracking().OrderBy(e => e.Date).ToListAsync(cancel),
            injuries = await db.Mine<InjuryRow>().AsNoTracking().OrderBy(i => i.Since).ToListAsync(cancel),
            plans = await db.Mine<PlanRow>().AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancel),
            customExercises = await db.Mine<CustomExerciseRow>().AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancel),
            coaching = links.Select(l => new { l.Id, role = l.CoachAccountId == user.Id ? "coach" : "athlete", l.InvitedAt, l.AcceptedAt }).ToList(),
        };
        return JsonSerializer.SerializeToUtf8Bytes(document, Options);
    }
}
