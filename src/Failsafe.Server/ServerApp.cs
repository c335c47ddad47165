using System.Text.Json.Serialization.Metadata;
using Failsafe.Server.Accounts;
using Failsafe.Server.Catalog;
using Failsafe.Server.Coaching;
using Failsafe.Server.Data;
using Failsafe.Server.Planning;
using Failsafe.Server.Training;
using Failsafe.Server.Transfer;
using Failsafe.Server.App;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Scalar.AspNetCore;

namespace Failsafe.Server;

/// <summary>Builds the server: services, middleware and one <c>Map…</c> per feature.</summary>
public static partial class ServerApp
{
    /// <summary>The largest JSON body accepted (a set, a check-in, a scenario with years of history).</summary>
    public const long MaxJsonBody = 8 * 1024 * 1024;

    public static WebApplication Build(string[] args)
    {
        // A published server finds its web files (wwwroot) beside itself, wherever it is started from; under
        // `dotnet run` (no wwwroot in the build output) the content root stays the project folder.
        var published = Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = published ? AppContext.BaseDirectory : null });
        Configure(builder);
        var app = builder.Build();
        Use(app);
        return app;
    }

    public static void Configure(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var database = ServerDatabase.From(builder.Configuration);
        // The web app's static files from the build's manifest (the scoped-style bundle lives under obj/) in every
        // environment, so `dotnet run` serves them as Development does; a published build has them in wwwroot.
        builder.WebHost.UseStaticWebAssets();
        // On SQLite every database call blocks a thread (Microsoft.Data.Sqlite does its I/O synchronously even when
        // called async): enough threads from the start keep a burst of requests from waiting on the thread pool's slow
        // growth (Failsafe:MinThreads, default 64 on SQLite). On PostgreSQL the requests are asynchronous and the
        // runtime's default suits them: 64 threads contending for two cores cut /api/today's throughput by a third
        // and raised its p99 from ~40 ms to ~230 ms (bench/README.md).
        var minThreads = builder.Configuration.GetValue("Failsafe:MinThreads", database.Postgres ? 0 : 64);
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, minThreads), Math.Max(io, minThreads));
        var services = builder.Services;
        database.AddTo(services);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = BadRequests.DescribeTooLarge);
        services.AddExceptionHandler<BadRequests>();
        services.AddSingleton<StorageFaults>();
        services.AddSingleton<Microsoft.AspNetCore.Diagnostics.IExceptionHandler>(sp => sp.GetRequiredService<StorageFaults>());
        // Binding failures throw, so BadRequests can say what was wrong (minimal APIs otherwise answer a bare 400).
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddValidation();
        // After every other setup, so that it also covers the resolvers others add (the Identity API's requests).
        services.PostConfigure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o =>
            o.SerializerOptions.TypeInfoResolver = o.SerializerOptions.TypeInfoResolver?.WithAddedModifier(TextWithoutNul.Refuse));
        services.AddOpenApi(ApiDocument.Configure);

        services.AddAuthorization();
        services.AddIdentityApiEndpoints<Account>(o =>
            {
                o.User.RequireUniqueEmail = true;
                Accounts.PasswordRule.Apply(o.Password);
                o.SignIn.RequireConfirmedEmail = Accounts.AccountMail.Confirms(builder.Configuration);
            })
            .AddPasswordValidator<Accounts.CommonPasswordValidator>()
            .AddEntityFrameworkStores<AccountsDb>()
            .AddSignInManager<AccountSignIn>();
        services.AddScoped<SignInThrottle>();
        services.AddOptions<MailSettings>().Bind(builder.Configuration.GetSection(MailSettings.Section)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<MailSettings>, MailSettings.Validation>();
        services.AddSingleton<MailSender>();
        services.AddHostedService(sp => sp.GetRequiredService<MailSender>());
        services.AddSingleton<AccountMail>();
        services.AddSingleton<IEmailSender<Account>>(sp => sp.GetRequiredService<AccountMail>());
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "failsafe";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The API answers 401/403; a page sends the browser to sign in.
            o.LoginPath = "/signin";
            o.Events.OnRedirectToLogin = c => WebApp.IsPage(c.Request) ? Redirect(c) : Status(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => Status(c, StatusCodes.Status403Forbidden);
        });
        services.AddAntiforgery(o =>
        {
            o.HeaderName = Antiforgery.HeaderName;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // Keys in the database: every instance reads the same key ring, so each accepts the others' cookies and tokens.
        services.AddDataProtection().SetApplicationName("failsafe").PersistKeysToDbContext<AccountsDb>();

        services.AddLimits(builder.Configuration);
        services.AddForwarding(builder.Configuration);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
        {
            // Every body is limited to a JSON body's size; an endpoint that takes more says so with
            // RequestSizeLimitAttribute (the import), which routing applies to the request before Kestrel reads it.
            o.Limits.MaxRequestBodySize = MaxJsonBody;
            o.AddServerHeader = false;
        });
        services.AddRazorComponents();
        // Pages are compressed (the Progress page's charts are text): safe from BREACH-style guessing of the
        // antiforgery token they carry, because the sign-in cookie is SameSite=Strict — another site cannot make a
        // signed-in request whose compressed length it could observe. Static files come precompressed.
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.MimeTypes = ["text/html"];
        });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Store.Catalog.CatalogLoader.Default);
        services.AddSingleton<TodayCache>();
        services.AddSingleton(new Store.Training.SetCap(
            builder.Configuration.GetValue(Transfer.ImportEndpoints.SetsPerAccountSetting, Store.Training.SetCap.DefaultMost), Transfer.ImportEndpoints.SetsPerAccountSetting));
        services.AddSingleton<SummaryCache>();
        services.AddScoped<AthleteAccess>();
    }

    public static void Use(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetRequiredService<ServerDatabase>().Migrate(app.Services);
        var database = app.Services.GetRequiredService<ServerDatabase>().Describe();
        Log.Database(app.Logger, database);

        app.UseForwarding();
        app.UseMiddleware<SecurityHeaders>();
        app.UseResponseCompression();
        app.UseExceptionHandler();
        app.UseMiddleware<RetryReads>();
        app.UseStatusCodePages();
        // A page that does not exist is the web app's own Not found page (the API keeps its ProblemDetails).
        app.UseWhen(c => WebApp.IsPage(c.Request), b => b.UseStatusCodePagesWithReExecute("/not-found"));
        // Routing after it, so that the re-executed request is routed to that page.
        app.UseRouting();
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<Antiforgery>();
        app.UseAntiforgery();
        app.UseRateLimiter();

        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapHealth();

        app.MapAccounts();
        var api = app.MapGroup("/api").RequireAuthorization().AddEndpointFilter(TextWithoutNul.Filter);
        api.MapProfile();
        api.MapExercises();
        api.MapSessions();
        api.MapCheckIns();
        api.MapCalendar();
        api.MapPlans();
        api.MapToday();
        api.MapEvaluate();
        api.MapImport();
        api.MapExport();
        api.MapCoaching();
        api.MapNotes();
        app.MapCalendarFeed();

        app.MapWebApp();
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static Task Status(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Database: {Database}")]
    public static partial void Database(ILogger logger, string database);
}
