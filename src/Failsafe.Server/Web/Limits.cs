namespace Failsafe.Server.Web;

/// <summary>Rate limits. They count per instance (a limiter is in memory); lockout after failed passwords is in the database and holds across instances.</summary>
public static class Limits
{
    public const string SignIn = "sign-in";

    /// <summary>Sign-in and registration attempts per address per minute (<c>Failsafe:SignInPerMinute</c>, default 10).</summary>
    public static int SignInPerMinute(IConfiguration configuration) =>
        configuration.GetValue("Failsafe:SignInPerMinute", 10);
}
