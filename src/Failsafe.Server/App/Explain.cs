namespace Failsafe.Server.App;

/// <summary>
/// A rule id, a warning or an action in a line a lifter reads between sets: the pages show them beside the engine's
/// own messages (which say what was decided); these say what the rule is. Worded from docs/rules.md.
/// </summary>
public static class Explain
{
    private static readonly Dictionary<string, string> Rules = new(StringComparer.Ordinal)
    {
        ["F1"] = "Technical failure (form breaking) always ends the set.",
        ["F2"] = "Absolute failure only where failing is safe: machines, cables, isolation work.",
        ["F3"] = "Never to absolute failure on squats, deadlifts or overhead presses.",
        ["F4"] = "Bench and free-weight compounds: failure only with a spotter or safeties.",
        ["F5"] = "Failure only on an exercise's last set, never its first.",
        ["F6"] = "Failure only in the session's last one to three exercises, once warm.",
        ["F7"] = "The more demanding the lift on the nervous system, the less failure.",
        ["B1"] = "At least 80 % of working sets stop 1–3 reps short; at most 20 % reach failure.",
        ["B2"] = "Failure work on one exercise per session to start with.",
        ["B3"] = "At most one failure set per exercise, once or twice a week.",
        ["B4"] = "Only a few failure sets in any two weeks.",
        ["B5"] = "The failure budget follows the split (body-part splits may use a little more).",
        ["B6"] = "A plateau-busting block: two weeks of planned failure, then back off.",
        ["R1"] = "The nervous system needs about 72 hours after failure training.",
        ["R2"] = "A hard squat or deadlift session can need 7–14 days of nervous-system recovery.",
        ["R3"] = "A muscle is not taken to failure again before it has recovered.",
        ["R4"] = "No failure in the days before an important event.",
        ["R5"] = "After failure sessions, extra rest.",
        ["R6"] = "Failing a set costs the next sets reps; rest longer after one.",
        ["S1"] = "A week mixes hard, medium, light and rest days; about two hard days in seven.",
        ["S2"] = "Strength phase: rarely fail; stop 2–3 reps short on the big lifts.",
        ["S3"] = "Hypertrophy phase: failure selectively, on the last set of isolation work.",
        ["S4"] = "Deload week: no failure at all.",
        ["S5"] = "Hypertrophy rep ranges 8–12 (5–15 acceptable), 3–4 sets per exercise.",
        ["S6"] = "Progressive overload drives progress: add load or reps gradually.",
        ["S7"] = "Bodyweight and band exercises may use as-many-reps-as-possible sets.",
        ["E1"] = "Failure training needs 2–3 years of training, sound form under fatigue, sleep and low stress.",
        ["E2"] = "Otherwise train 2–3 reps short of failure: it builds muscle and strength too.",
        ["E3"] = "Beyond-failure techniques (drop sets, forced reps) only for advanced lifters.",
        ["E4"] = "An endurance athlete in season holds off failure.",
        ["E5"] = "After time off, a warmed-up lifter may use one failure set to find a baseline.",
        ["W1"] = "Signs of overdoing it: falling strength, lasting fatigue, poor sleep, low mood.",
        ["W2"] = "When warning signs appear: scale back failure and go back to reps in reserve.",
        ["W3"] = "A plateau without fatigue signs may justify a short failure block.",
        ["W4"] = "A session should leave you feeling better than you came in.",
    };

    private static readonly Dictionary<string, string> Codes = new(StringComparer.Ordinal)
    {
        ["baseline-test"] = "Baseline test allowed",
        ["cns-recovery"] = "Nervous system still recovering",
        ["deload"] = "Deload",
        ["downgrade-day"] = "Easier day today",
        ["event-soon"] = "Event soon",
        ["extra-rest"] = "Extra rest",
        ["failure-overuse"] = "Too much failure lately",
        ["in-season"] = "In season",
        ["leaving-worse"] = "Sessions leave you worse",
        ["low-motivation"] = "Low motivation",
        ["mood-change"] = "Mood has dropped",
        ["muscle-recovery"] = "Muscles still recovering",
        ["not-eligible"] = "No failure training yet",
        ["persistent-fatigue"] = "Lasting fatigue",
        ["plateau-block"] = "Plateau block",
        ["poor-sleep"] = "Poor sleep",
        ["scale-back-failure"] = "Scale back failure",
        ["strength-decline"] = "Strength is falling",
    };

    /// <summary>What <paramref name="rule"/> says, in a line; empty for an id this table does not know.</summary>
    public static string Rule(string rule) => Rules.GetValueOrDefault(rule, "");

    /// <summary>A warning's code in words ("poor-sleep" → "Poor sleep"); the code itself when unknown.</summary>
    public static string Warning(string code) => Codes.GetValueOrDefault(code, code);

    /// <summary>An action's code in words.</summary>
    public static string Action(string code) => Codes.GetValueOrDefault(code, code);
}
