using System.Net;
using System.Net.Http.Json;
using Failsafe.Server.Accounts;
using Failsafe.Store.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting;

namespace Failsafe.Server.Tests;

/// <summary>Registration, sign-in (bearer and cookie), lockout, rate limits, the account export and deleting an account.</summary>
public sealed class AccountTests(Servers servers) : IClassFixture<Servers>
{
    private static string NewEmail() => $"{Guid.NewGuid():N}@example.com";

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_short_password_is_refused_naming_the_rule(Provider provider)
    {
        var server = servers.For(provider);
        using var client = server.CreateClient();
        var email = NewEmail();
        using var response = await client.PostAsJsonAsync("/account/register", new { email, password = "short9" }, Api.Cancel);
        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("PasswordTooShort", out var rule).ShouldBeTrue(problem.ToString());
        rule[0].GetString()!.ShouldContain("10");
        (await client.PostAsJsonAsync("/account/login", new { email, password = "short9" }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_common_password_is_refused_at_registration_and_at_a_change_of_password(Provider provider)
    {
        var server = servers.For(provider);
        using var client = server.CreateClient();
        // Each keeps the length, digit and lowercase rules: only the common-password check refuses them.
        foreach (var common in new[] { "password1234", "qwerty123456", "1q2w3e4r5t", "iloveyou123" })
        {
            var email = NewEmail();
            using var response = await client.PostAsJsonAsync("/account/register", new { email, password = common }, Api.Cancel);
            var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest, common);
            problem.GetProperty("errors").TryGetProperty(CommonPasswordValidator.Code, out var rule).ShouldBeTrue(problem.ToString());
            rule[0].GetString()!.ShouldContain("common");
            (await client.PostAsJsonAsync("/account/login", new { email, password = common }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        // The account's own email is no password either.
        var named = $"liftermcgee{Guid.NewGuid().ToString("N")[..6]}@example.com";
        using (var own = await client.PostAsJsonAsync("/account/register", new { email = named, password = named.Split('@')[0] + "1" }, Api.Cancel))
            (await own.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(CommonPasswordValidator.Code, out _).ShouldBeTrue();

        var ann = await server.SignUp();
        using (var change = await ann.Client.PostAsJsonAsync("/account/manage/info", new { oldPassword = ann.Password, newPassword = "password1234" }, Api.Cancel))
            (await change.ShouldBeProblem(HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty(CommonPasswordValidator.Code, out _).ShouldBeTrue();
        (await client.PostAsJsonAsync("/account/login", new { email = ann.Email, password = ann.Password }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var change = await ann.Client.PostAsJsonAsync("/account/manage/info", new { oldPassword = ann.Password, newPassword = "copper kettle 42 drums" }, Api.Cancel))
            change.StatusCode.ShouldBe(HttpStatusCode.OK, await change.Content.ReadAsStringAsync(Api.Cancel));
        (await client.PostAsJsonAsync("/account/login", new { email = ann.Email, password = "copper kettle 42 drums" }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Changing_the_email_answers_alike_whether_another_account_has_it(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        var bob = await server.SignUp();
        using var taken = await bob.Client.PostAsJsonAsync("/account/manage/info", new { newEmail = ann.Email }, Api.Cancel);
        using var fresh = await bob.Client.PostAsJsonAsync("/account/manage/info", new { newEmail = NewEmail() }, Api.Cancel);
        ((int)taken.StatusCode, await taken.Content.ReadAsStringAsync(Api.Cancel)).ShouldBe(((int)fresh.StatusCode, await fresh.Content.ReadAsStringAsync(Api.Cancel)));
        taken.StatusCode.ShouldBe(HttpStatusCode.OK);
        // Nothing changes until the new address is confirmed by the link sent to it (the server sends no email).
        (await (await bob.Client.GetAsync("/account/manage/info", Api.Cancel)).Json()).GetProperty("email").GetString().ShouldBe(bob.Email);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Asking_for_a_password_reset_or_a_confirmation_email_answers_alike_whether_the_email_has_an_account(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        using var client = server.CreateClient();
        foreach (var path in new[] { "/account/forgotPassword", "/account/resendConfirmationEmail" })
        {
            using var known = await client.PostAsJsonAsync(path, new { email = ann.Email }, Api.Cancel);
            using var unknown = await client.PostAsJsonAsync(path, new { email = NewEmail() }, Api.Cancel);
            ((int)known.StatusCode, await known.Content.ReadAsStringAsync(Api.Cancel)).ShouldBe(((int)unknown.StatusCode, await unknown.Content.ReadAsStringAsync(Api.Cancel)), path);
        }
    }

    /// <summary>What the server "mails" (AccountMail writes each message to its log): the messages, by address.</summary>
    private sealed class Outbox : ILoggerProvider, ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<(string Email, string Text)> Sent { get; } = new();

        public ILogger CreateLogger(string categoryName) => categoryName == typeof(AccountMail).FullName ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = (IReadOnlyList<KeyValuePair<string, object?>>)state!;
            Sent.Enqueue(((string)values.Single(v => v.Key == "Email").Value!, (string)values.Single(v => v.Key == "Text").Value!));
        }

        public void Dispose() { }
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task With_confirmation_by_email_registering_then_signing_in_answers_alike_for_a_new_and_a_taken_email(Provider provider)
    {
        using var server = new ServerFactory(provider, new Dictionary<string, string?> { [AccountMail.ConfirmSetting] = "true" });
        var outbox = new Outbox();
        using var app = server.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(outbox)));
        using var client = app.CreateClient();
        var ann = NewEmail();
        const string annsPassword = "lift heavy 9 times", strangers = "another long 7 password";
        (await client.PostAsJsonAsync("/account/register", new { email = ann, password = annsPassword }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var link = outbox.Sent.ShouldHaveSingleItem();
        link.Email.ShouldBe(ann);
        link.Text.ShouldContain("/account/confirmEmail?");
        using (var confirm = await client.GetAsync(new Uri(link.Text[link.Text.IndexOf("http", StringComparison.Ordinal)..]).PathAndQuery, Api.Cancel))
            confirm.StatusCode.ShouldBe(HttpStatusCode.OK, await confirm.Content.ReadAsStringAsync(Api.Cancel));
        (await client.PostAsJsonAsync("/account/login", new { email = ann, password = annsPassword }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A stranger registers Ann's email and a new one with their password, then signs in to both: the answers match.
        await Api.RegisterThenSignInAlike(client, ann, NewEmail(), strangers);
        // Ann is told, privately; her account is as it was.
        outbox.Sent.Count(m => m.Email == ann && m.Text.Contains("already has one", StringComparison.Ordinal)).ShouldBe(1);
        (await client.PostAsJsonAsync("/account/login", new { email = ann, password = annsPassword }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<HttpResponseMessage> Login(HttpClient client, string email, string password, string source)
    {
        using var request = Api.Request("POST", "/account/login", new { email, password });
        request.Headers.Add(PeerAddress.Header, source);
        return await client.SendAsync(request, Api.Cancel);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Five_wrong_passwords_lock_that_email_from_that_source_only_and_an_unknown_email_alike(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        using var app = PeerAddress.Start(server);
        using var client = app.CreateClient();
        const string stranger = "192.0.2.66", gym = "198.51.100.7";
        var unknown = NewEmail();
        foreach (var email in new[] { ann.Email, unknown })
        {
            for (var i = 0; i < 5; i++)
            {
                using var wrong = await Login(client, email, "not my password 1", stranger);
                (await wrong.ShouldBeProblem(HttpStatusCode.Unauthorized)).Detail().ShouldBe("Failed");
            }
        }
        // From the stranger's address both emails are locked, alike: the answer says nothing about who has an account.
        using (var right = await Login(client, ann.Email, ann.Password, stranger))
            (await right.ShouldBeProblem(HttpStatusCode.Unauthorized)).Detail().ShouldBe("LockedOut");
        using (var none = await Login(client, unknown, ann.Password, stranger))
            (await none.ShouldBeProblem(HttpStatusCode.Unauthorized)).Detail().ShouldBe("LockedOut");
        // The lifter at the gym signs in as ever; the account itself was never locked.
        (await Login(client, ann.Email, ann.Password, gym)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var scope = server.Services.CreateScope();
        var account = await scope.ServiceProvider.GetRequiredService<AccountsDb>().Users.SingleAsync(u => u.Email == ann.Email, Api.Cancel);
        account.LockoutEnd.ShouldBeNull();
        // Neither the email nor the address is stored with the count.
        var keys = await scope.ServiceProvider.GetRequiredService<AccountsDb>().SignInFailures.Select(f => f.Key).ToListAsync(Api.Cancel);
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(k => k.Length == 64 && !k.Contains('@') && !k.Contains('.'));
    }

    [Fact]
    public async Task Many_failures_from_one_source_lock_that_source_out_for_longer()
    {
        using var server = new ServerFactory(Provider.Sqlite);
        var ann = await server.SignUp();
        using var app = PeerAddress.Start(server);
        using var client = app.CreateClient();
        const string sprayer = "192.0.2.99";
        // Four wrong passwords for each of many emails: no email reaches its own limit, the source reaches its.
        for (var i = 0; i < Accounts.SignInThrottle.PerSource; i++)
        {
            using var wrong = await Login(client, $"victim{i / 4}@example.com", "not my password 1", sprayer);
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        using (var locked = await Login(client, ann.Email, ann.Password, sprayer))
            (await locked.ShouldBeProblem(HttpStatusCode.Unauthorized)).Detail().ShouldBe("LockedOut");
        (await Login(client, ann.Email, ann.Password, "198.51.100.7")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Identity's hasher, counting the passwords it checks.</summary>
    private sealed class CountingHasher : IPasswordHasher<Account>
    {
        private readonly PasswordHasher<Account> _real = new();
        private int _verified;

        public int Verified => _verified;

        public string HashPassword(Account user, string password) => _real.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(Account user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verified);
            return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task An_unknown_email_costs_the_same_password_check_as_a_wrong_password(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        var hasher = new CountingHasher();
        using var app = PeerAddress.Start(server, s => s.AddSingleton<IPasswordHasher<Account>>(hasher));
        using var client = app.CreateClient();
        var before = hasher.Verified;
        using (var wrong = await Login(client, ann.Email, "not my password 1", "192.0.2.1"))
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (hasher.Verified - before).ShouldBe(1, "a wrong password for an account is checked once");
        before = hasher.Verified;
        using (var unknown = await Login(client, NewEmail(), "not my password 1", "192.0.2.1"))
            unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (hasher.Verified - before).ShouldBe(1, "an unknown email must cost the same password check");
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Registering_an_email_that_has_an_account_answers_like_a_new_one(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        using var client = server.CreateClient();
        using var fresh = await client.PostAsJsonAsync("/account/register", new { email = NewEmail(), password = "another long 7 password" }, Api.Cancel);
        using var taken = await client.PostAsJsonAsync("/account/register", new { email = ann.Email, password = "another long 7 password" }, Api.Cancel);
        var freshBody = await fresh.Content.ReadAsStringAsync(Api.Cancel);
        var takenBody = await taken.Content.ReadAsStringAsync(Api.Cancel);
        ((int)taken.StatusCode, takenBody, taken.Content.Headers.ContentType?.MediaType).ShouldBe(((int)fresh.StatusCode, freshBody, fresh.Content.Headers.ContentType?.MediaType));
        fresh.StatusCode.ShouldBe(HttpStatusCode.OK);
        // A password that breaks a rule is refused alike, whoever the email belongs to.
        using var weakFresh = await client.PostAsJsonAsync("/account/register", new { email = NewEmail(), password = "short9" }, Api.Cancel);
        using var weakTaken = await client.PostAsJsonAsync("/account/register", new { email = ann.Email, password = "short9" }, Api.Cancel);
        (await weakTaken.Json()).GetProperty("errors").ToString().ShouldBe((await weakFresh.Json()).GetProperty("errors").ToString());
        // The account is untouched: its own password still signs in, the other one does not.
        (await client.PostAsJsonAsync("/account/login", new { email = ann.Email, password = ann.Password }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsJsonAsync("/account/login", new { email = ann.Email, password = "another long 7 password" }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Sign_in_and_registration_are_rate_limited_per_address()
    {
        using var server = new ServerFactory(Provider.Sqlite, new Dictionary<string, string?> { ["Failsafe:SignInPerMinute"] = "3" });
        using var client = server.CreateClient();
        var email = NewEmail();
        (await client.PostAsJsonAsync("/account/register", new { email, password = "lift heavy 9 times" }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsJsonAsync("/account/login", new { email, password = "lift heavy 9 times" }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsJsonAsync("/account/login", new { email, password = "wrong password 1" }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var login = await (await client.PostAsJsonAsync("/account/login", new { email, password = "lift heavy 9 times" }, Api.Cancel)).ShouldBeProblem(HttpStatusCode.TooManyRequests);
        login.Detail().ShouldContain("wait");
        await (await client.PostAsJsonAsync("/account/register", new { email = NewEmail(), password = "lift heavy 9 times" }, Api.Cancel)).ShouldBeProblem(HttpStatusCode.TooManyRequests);
        using var scope = server.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<AccountsDb>().Users.CountAsync(Api.Cancel)).ShouldBe(1);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_cookie_session_changes_data_only_with_the_antiforgery_token(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        using var browser = server.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        using (var login = await browser.PostAsJsonAsync("/account/login?useCookies=true", new { email = ann.Email, password = ann.Password }, Api.Cancel))
        {
            login.StatusCode.ShouldBe(HttpStatusCode.OK);
            login.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("failsafe=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        }
        (await browser.GetAsync("/api/profile", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var set = new { exercise = "bench press", set = "100x8@8", date = "2026-03-02" };
        var refused = await (await browser.PostAsJsonAsync("/api/sets", set, Api.Cancel)).ShouldBeProblem(HttpStatusCode.BadRequest);
        refused.Detail().ShouldContain("X-XSRF-TOKEN");
        using (var wrongToken = Api.Request("POST", "/api/sets", set))
        {
            wrongToken.Headers.Add("X-XSRF-TOKEN", "CfDJ8-made-up");
            await (await browser.SendAsync(wrongToken, Api.Cancel)).ShouldBeProblem(HttpStatusCode.BadRequest);
        }
        // An Authorization header that does not sign anything in does not turn the cookie into a token client.
        using (var bogusBearer = Api.Request("POST", "/api/sets", set))
        {
            bogusBearer.Headers.Authorization = Api.Bearer("not-a-token");
            using var response = await browser.SendAsync(bogusBearer, Api.Cancel);
            response.StatusCode.ShouldBeOneOf([HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized], await response.Content.ReadAsStringAsync(Api.Cancel));
        }
        (await ann.Sets()).ShouldBeEmpty();

        var token = await (await browser.GetAsync("/account/antiforgery", Api.Cancel)).Json();
        token.GetProperty("headerName").GetString().ShouldBe("X-XSRF-TOKEN");
        using (var request = Api.Request("POST", "/api/sets", set))
        {
            request.Headers.Add("X-XSRF-TOKEN", token.GetProperty("token").GetString());
            using var accepted = await browser.SendAsync(request, Api.Cancel);
            accepted.StatusCode.ShouldBe(HttpStatusCode.Created, await accepted.Content.ReadAsStringAsync(Api.Cancel));
        }
        (await ann.Sets()).Count.ShouldBe(1);

        // Signing out needs the token too; afterwards the cookie no longer signs anything in.
        (await browser.PostAsync("/account/logout", null, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using (var logout = Api.Request("POST", "/account/logout"))
        {
            logout.Headers.Add("X-XSRF-TOKEN", token.GetProperty("token").GetString());
            (await browser.SendAsync(logout, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }
        (await browser.GetAsync("/api/profile", Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task A_cookie_with_an_authorization_header_that_signs_nothing_in_still_needs_the_antiforgery_token(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        using var browser = server.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        (await browser.PostAsJsonAsync("/account/login?useCookies=true", new { email = ann.Email, password = ann.Password }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The scheme in any case, or another scheme: only a bearer token that signs the request in spares the check.
        foreach (var authorization in new[] { "bearer junk", "BEARER junk", "Bearer ", "Basic YTpi", "bearer " + ann.Token[..20] })
        {
            using (var ev = Api.Request("POST", "/api/events", new { date = "2026-06-01", name = "forged" }))
            {
                ev.Headers.TryAddWithoutValidation("Authorization", authorization);
                using var response = await browser.SendAsync(ev, Api.Cancel);
                response.StatusCode.ShouldBeOneOf([HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized], $"{authorization}: {await response.Content.ReadAsStringAsync(Api.Cancel)}");
            }
            using (var checkIn = Api.Request("PUT", "/api/checkins/2026-03-02", new { fatigue = 2 }))
            {
                checkIn.Headers.TryAddWithoutValidation("Authorization", authorization);
                using var response = await browser.SendAsync(checkIn, Api.Cancel);
                response.StatusCode.ShouldBeOneOf([HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized], $"{authorization}: {await response.Content.ReadAsStringAsync(Api.Cancel)}");
            }
        }
        (await (await ann.Client.GetAsync("/api/events", Api.Cancel)).Json()).GetArrayLength().ShouldBe(0);
        (await (await ann.Client.GetAsync("/api/checkins?from=2026-03-01&to=2026-03-03", Api.Cancel)).Json()).GetArrayLength().ShouldBe(0);

        // A real bearer token with the cookie beside it is a token client: no antiforgery token needed.
        using var withToken = Api.Request("POST", "/api/events", new { date = "2026-06-01", name = "by token" });
        withToken.Headers.Authorization = Api.Bearer(ann.Token);
        (await browser.SendAsync(withToken, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task The_account_export_holds_this_accounts_data_and_no_one_elses(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        var bob = await server.SignUp();
        await ann.LogSet("2026-03-02", notes: "ann-marker");
        await bob.LogSet("2026-03-02", notes: "bob-marker");
        (await bob.Client.PostAsJsonAsync("/api/events", new { date = "2026-06-01", name = "bob-meet" }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ann.Client.PostAsJsonAsync("/api/events", new { date = "2026-06-01", name = "ann-meet" }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var response = await ann.Client.GetAsync("/account/export", Api.Cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var text = await response.Content.ReadAsStringAsync(Api.Cancel);
        text.ShouldContain("ann-marker");
        text.ShouldContain("ann-meet");
        text.ShouldContain(ann.Email);
        text.ShouldNotContain("bob-marker");
        text.ShouldNotContain("bob-meet");
        text.ShouldNotContain(bob.Email);
        var document = await response.Json();
        document.GetProperty("sessions").EnumerateArray().SelectMany(s => s.GetProperty("sets").EnumerateArray()).Count().ShouldBe(1);
        // No secrets in it.
        text.ShouldNotContain("passwordHash", Case.Insensitive);
        text.ShouldNotContain("securityStamp", Case.Insensitive);
    }

    private sealed record Counts(int Profiles, int Sessions, int Sets, int CheckIns, int Events, int Injuries, int Plans, int Custom, int Changes, int Users, int Links, int IdentityRows);

    private static async Task<Counts> Count(ServerFactory server, ApiUser user, string accountId)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<FailsafeDb>();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountsDb>();
        var a = user.AthleteId;
        var c = Api.Cancel;
        return new Counts(
            await db.Profiles.CountAsync(p => p.Id == a || p.AccountId == accountId, c),
            await db.Sessions.CountAsync(x => x.AthleteId == a, c),
            await db.Sets.CountAsync(x => x.AthleteId == a, c),
            await db.CheckIns.CountAsync(x => x.AthleteId == a, c),
            await db.Events.CountAsync(x => x.AthleteId == a, c),
            await db.Injuries.CountAsync(x => x.AthleteId == a, c),
            await db.Plans.CountAsync(x => x.AthleteId == a, c),
            await db.CustomExercises.CountAsync(x => x.AthleteId == a, c),
            await db.ProfileChanges.CountAsync(x => x.ProfileId == a, c),
            await accounts.Users.CountAsync(u => u.Id == accountId, c),
            await accounts.CoachLinks.CountAsync(l => l.CoachAccountId == accountId || l.AthleteAccountId == accountId, c),
            await accounts.UserClaims.CountAsync(x => x.UserId == accountId, c) + await accounts.UserLogins.CountAsync(x => x.UserId == accountId, c)
                + await accounts.UserTokens.CountAsync(x => x.UserId == accountId, c) + await accounts.UserRoles.CountAsync(x => x.UserId == accountId, c));
    }

    /// <summary>One row of everything an athlete can hold, and a coaching link with <paramref name="other"/>.</summary>
    private static async Task Fill(ServerFactory server, ApiUser user, ApiUser other)
    {
        await user.LogSet("2026-03-02");
        await user.LogSet("2026-03-03", "102.5x6@9");
        (await user.Client.PutAsJsonAsync("/api/checkins/2026-03-02", new { sleepHours = 7, fatigue = 2 }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await user.Client.PostAsJsonAsync("/api/events", new { date = "2026-06-01", name = "meet" }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await user.Client.PostAsJsonAsync("/api/injuries", new { description = "elbow" }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await user.Client.PostAsJsonAsync("/api/plans", new { weeks = 4 }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await user.Client.PutAsJsonAsync("/api/profile", new { trainingYears = 3, goal = "strength" }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var scope = server.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<FailsafeDb>();
            db.AthleteId = user.AthleteId;
            db.CustomExercises.Add(new CustomExerciseRow { Name = "Glorp Machine" });
            await db.SaveChangesAsync(Api.Cancel);
        }
        (await other.Client.PostAsJsonAsync("/api/coaching/invitations", new { email = user.Email }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var id = (await (await user.Client.GetAsync("/api/coaching/invitations", Api.Cancel)).Json()).EnumerateArray().Single().Id();
        (await user.Client.PostAsync($"/api/coaching/invitations/{id}/accept", null, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Theory]
    [ClassData(typeof(Providers))]
    public async Task Deleting_an_account_removes_all_its_rows_leaves_others_and_its_token_gets_nothing(Provider provider)
    {
        var server = servers.For(provider);
        var ann = await server.SignUp();
        var bob = await server.SignUp();
        await Fill(server, ann, bob);
        await Fill(server, bob, ann);
        var annId = (await (await ann.Client.GetAsync("/account/me", Api.Cancel)).Json()).GetProperty("accountId").GetString()!;
        var bobId = (await (await bob.Client.GetAsync("/account/me", Api.Cancel)).Json()).GetProperty("accountId").GetString()!;
        var full = new Counts(1, 2, 2, 1, 1, 1, 1, 1, 2, 1, 2, 0);
        (await Count(server, ann, annId)).ShouldBe(full);
        (await Count(server, bob, bobId)).ShouldBe(full);

        // The password confirms it; without it or with a wrong one nothing happens.
        await (await ann.Client.Send("DELETE", "/account", new { password = "" })).ShouldBeProblem(HttpStatusCode.BadRequest);
        (await (await ann.Client.Send("DELETE", "/account", new { password = "not my password 1" })).ShouldBeProblem(HttpStatusCode.BadRequest)).Detail().ShouldContain("password");
        (await Count(server, ann, annId)).ShouldBe(full);

        (await ann.Client.Send("DELETE", "/account", new { password = ann.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Count(server, ann, annId)).ShouldBe(new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        (await Count(server, bob, bobId)).ShouldBe(full with { Links = 0 });
        (await bob.Sets()).Count.ShouldBe(2);

        // The old token gets nothing: no data, and nothing is made for the account that is gone.
        foreach (var path in new[] { "/account/me", "/account/export", "/api/profile", "/api/sessions", "/api/today", "/api/events", "/api/coaching/invitations", "/api/coaching/athletes", "/account/manage/info" })
        {
            using var response = await ann.Client.GetAsync(path, Api.Cancel);
            response.StatusCode.ShouldBeOneOf([HttpStatusCode.Unauthorized, HttpStatusCode.NotFound], $"{path}: {await response.Content.ReadAsStringAsync(Api.Cancel)}");
        }
        foreach (var (method, path, body) in new (string, string, object?)[]
                 {
                     ("POST", "/api/sets", new { exercise = "bench press", set = "100x8@8" }), ("POST", "/api/coaching/invitations", new { email = bob.Email }),
                     ("PUT", "/api/profile", new { name = "ghost" }),
                 })
        {
            using var response = await ann.Client.Send(method, path, body);
            response.StatusCode.ShouldBeOneOf([HttpStatusCode.Unauthorized, HttpStatusCode.NotFound], $"{method} {path}: {await response.Content.ReadAsStringAsync(Api.Cancel)}");
        }
        (await Count(server, ann, annId)).ShouldBe(new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        (await (await bob.Client.GetAsync("/api/coaching/invitations", Api.Cancel)).Json()).GetArrayLength().ShouldBe(0);
        using var anonymous = server.CreateClient();
        await (await anonymous.PostAsJsonAsync("/account/login", new { email = ann.Email, password = ann.Password }, Api.Cancel)).ShouldBeProblem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_deleted_accounts_email_and_notes_leave_no_trace_in_the_sqlite_files()
    {
        using var server = new ServerFactory(Provider.Sqlite);
        var marker = Guid.NewGuid().ToString("N");
        var ann = await server.SignUp($"{marker}@example.com");
        var bob = await server.SignUp();
        for (var i = 0; i < 20; i++)
            await ann.LogSet(notes: $"note-{marker}-{i}");
        await bob.LogSet(notes: "bob's own note");
        var files = new[] { server.Settings["FAILSAFE_DB"]!, server.Settings["FAILSAFE_DB"] + "-wal" };
        // Identity also keeps the email upper-cased (NormalizedEmail, NormalizedUserName).
        long Traces() => files.Where(File.Exists).Select(File.ReadAllBytes)
            .Sum(bytes => Occurrences(bytes, System.Text.Encoding.UTF8.GetBytes(marker)) + Occurrences(bytes, System.Text.Encoding.UTF8.GetBytes(marker.ToUpperInvariant())));
        Traces().ShouldBeGreaterThan(0, "the marker must be in the files before the account is deleted, or this test shows nothing");

        (await ann.Client.Send("DELETE", "/account", new { password = ann.Password })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Traces().ShouldBe(0, Where(files, marker));
        (await bob.Sets()).Single().GetProperty("notes").GetString().ShouldBe("bob's own note");
    }

    private static string Where(string[] files, string marker)
    {
        var text = new System.Text.StringBuilder();
        foreach (var file in files.Where(File.Exists))
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var needle in new[] { marker, marker.ToUpperInvariant() })
            {
                var at = bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(needle));
                if (at >= 0)
                    text.Append(file).Append(" @").Append(at).Append(": ").AppendLine(System.Text.Encoding.Latin1.GetString(bytes, Math.Max(0, at - 120), Math.Min(240, bytes.Length - Math.Max(0, at - 120))));
            }
        }
        return text.ToString();
    }

    private static long Occurrences(byte[] haystack, byte[] needle)
    {
        long n = 0;
        for (var at = haystack.AsSpan().IndexOf(needle); at >= 0;)
        {
            n++;
            var next = haystack.AsSpan(at + 1).IndexOf(needle);
            at = next < 0 ? -1 : at + 1 + next;
        }
        return n;
    }
}
