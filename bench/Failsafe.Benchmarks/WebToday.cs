using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Playwright;

namespace Failsafe.Benchmarks;

/// <summary>
/// The web app's Today page in a real Chromium (Debian's, driven by Playwright), for bench/web.sh: what a fresh
/// phone browser transfers on its first visit to /today (the page, its files, and the service worker's precache,
/// by resource type), then logging sets as a lifter does — fill the next set's weight, reps and RIR, tap "Log set" —
/// timing inside the page the tap to the row showing "Done" (the optimistic mark, before the server answers) and the
/// POST /api/sets round trip (the browser's resource timing). Prints the figures and MET / NOT MET per budget; fails
/// (exit code 1) only when the page cannot be used (no sign-in, no sets to log, a script error).
/// </summary>
internal static class WebToday
{
    /// <summary>First visit to /today: at most 150 KiB transferred (compressed, headers included).</summary>
    public const long FirstVisitBudget = 150 * 1024;

    /// <summary>A logged set is shown done within 100 ms of the tap (judged on the p95).</summary>
    public const double MarkBudgetMs = 100;

    /// <summary>POST /api/sets on loopback: p95 at most 50 ms.</summary>
    public const double RoundTripBudgetMs = 50;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// In every document of the page: the time of the tap on "Log set" (the click event's own time stamp, from the
    /// input), and, once armed on a row, when its "Done" mark is in the DOM and when the frame showing it has been
    /// produced (a task queued from the next animation frame), and when the server's re-render (page:updated) is in.
    /// </summary>
    private const string Probe = """
        (() => {
          const b = window.__bench = { click: null, done: null, painted: null, updated: null };
          document.addEventListener('click', (e) => {
            if (e.target instanceof Element && e.target.closest('form.log button[type="submit"]')) b.click = e.timeStamp;
          }, true);
          document.addEventListener('page:updated', () => { if (b.done !== null) b.updated = performance.now(); });
          b.arm = (li) => {
            Object.assign(b, { click: null, done: null, painted: null, updated: null });
            performance.clearResourceTimings();
            const seen = () => {
              if (b.done !== null || !/^Done/.test(li.querySelector('.did')?.textContent ?? '')) return;
              b.done = performance.now();
              observer.disconnect();
              requestAnimationFrame(() => setTimeout(() => { b.painted = performance.now(); }, 0));
            };
            const observer = new MutationObserver(seen);
            observer.observe(li, { subtree: true, childList: true, characterData: true });
          };
          b.read = () => {
            const posts = performance.getEntriesByType('resource')
              .filter((e) => new URL(e.name).pathname === '/api/sets')
              .map((e) => ({ duration: e.duration, end: e.responseEnd, before: e.requestStart - e.startTime, worker: e.workerStart > 0 ? e.fetchStart - e.workerStart : 0, wait: e.responseStart - e.requestStart }));
            return { click: b.click, done: b.done, painted: b.painted, updated: b.updated, posts };
          };
        })();
        """;

    public static async Task<int> Run(string baseUrl, string email, string password, int sets, int warm, string? outDir)
    {
        var chromium = Environment.GetEnvironmentVariable("FAILSAFE_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            Console.Error.WriteLine($"web-today: no Chromium at {chromium} (apt-get install -y chromium, or set FAILSAFE_CHROMIUM)");
            return 1;
        }
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Console.WriteLine($"Chromium {browser.Version} (Playwright), phone context 390 × 844, touch, scale 2");
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = baseUrl,
            ViewportSize = new() { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
            Locale = "en-GB",
            ServiceWorkers = ServiceWorkerPolicy.Allow,
        });
        context.SetDefaultTimeout(30_000);

        // Signed in with the cookie, as the sign-in page does (the answer's cookie lands in this context's jar).
        var login = await context.APIRequest.PostAsync("/account/login?useCookies=true", new() { DataObject = new { email, password } });
        if (!login.Ok)
        {
            Console.Error.WriteLine($"web-today: POST /account/login?useCookies=true answered {login.Status}: {await login.TextAsync()}");
            return 1;
        }

        var errors = new List<string>();
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                errors.Add(message.Text);
        };

        var ok = await FirstVisit(context, page, outDir);
        if (!ok)
            return 1;
        var result = await LogSets(page, sets, warm, outDir);
        if (errors.Count > 0)
        {
            Console.Error.WriteLine("web-today: the page had script errors:");
            foreach (var e in errors)
                Console.Error.WriteLine($"    {e}");
            return 1;
        }
        return result;
    }

    private sealed record Transfer(string Type, string Path, int Status, string Encoding, long Bytes, long Body, bool Worker);

    /// <summary>A fresh context's first visit: every response the context receives until the service worker is active and the network is quiet.</summary>
    private static async Task<bool> FirstVisit(IBrowserContext context, IPage page, string? outDir)
    {
        var finished = new List<IRequest>();
        void Finished(object? sender, IRequest r)
        {
            lock (finished)
                finished.Add(r);
        }
        context.RequestFinished += Finished;
        var response = await page.GotoAsync("/today", new() { WaitUntil = WaitUntilState.Load });
        if (response is null || response.Status != 200 || !new Uri(page.Url).AbsolutePath.Equals("/today", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"web-today: GET /today gave {response?.Status} at {page.Url} (not signed in?)");
            return false;
        }
        if (await page.Locator("#today li.set").CountAsync() == 0)
        {
            Console.Error.WriteLine("web-today: /today shows no sets to log (no plan that trains today?)");
            return false;
        }
        // The service worker installs (precaching the app's files) and activates; then nothing more is fetched.
        var active = await Step("the service worker's activation", page.EvaluateAsync<bool>(
            "() => Promise.race([navigator.serviceWorker.ready.then(() => true), new Promise((done) => setTimeout(() => done(false), 30000))])"));
        if (!active)
        {
            Console.Error.WriteLine("web-today: the service worker did not become active within 30 s");
            return false;
        }
        await Step("a quiet network", page.WaitForLoadStateAsync(LoadState.NetworkIdle));
        await Task.Delay(1000);
        context.RequestFinished -= Finished;

        var html = await Step("the body of /today", response.BodyAsync());
        var rows = new List<Transfer>();
        List<IRequest> all;
        lock (finished)
            all = [.. finished];
        foreach (var r in all)
        {
            var sizes = await Step($"the sizes of {r.Url}", r.SizesAsync());
            var answer = await Step($"the response to {r.Url}", r.ResponseAsync());
            var encoding = answer is null ? "" : await Step($"the headers of {r.Url}", answer.HeaderValueAsync("content-encoding")) ?? "";
            var path = new Uri(r.Url).PathAndQuery;
            var worker = FromWorker(r);
            rows.Add(new(Kind(r.ResourceType, path), path, answer?.Status ?? 0, encoding, Math.Max(0, sizes.ResponseHeadersSize + sizes.ResponseBodySize), Math.Max(0, sizes.ResponseBodySize), worker));
        }

        Console.WriteLine();
        Console.WriteLine("First visit to /today (a fresh browser context; Playwright's network events, response headers + encoded body):");
        foreach (var t in rows.OrderBy(t => t.Worker).ThenBy(t => t.Type, StringComparer.Ordinal))
            Console.WriteLine($"    {(t.Worker ? "worker" : "page"),-6} {t.Type,-8} {t.Status,3} {(t.Encoding.Length == 0 ? "identity" : t.Encoding),-8} {Kb(t.Bytes),9}  {t.Path}");
        string ByType(IEnumerable<Transfer> list) =>
            string.Join(", ", Kinds.Select(k => $"{k} {Kb(list.Where(t => t.Type == k).Sum(t => t.Bytes))}"));
        var pageRows = rows.Where(t => !t.Worker).ToList();
        var workerRows = rows.Where(t => t.Worker).ToList();
        var total = rows.Sum(t => t.Bytes);
        Console.WriteLine($"  the page: {Kb(pageRows.Sum(t => t.Bytes))} in {pageRows.Count} responses ({ByType(pageRows)})");
        Console.WriteLine($"  the service worker's install (precache): {Kb(workerRows.Sum(t => t.Bytes))} in {workerRows.Count} responses ({ByType(workerRows)})");
        Console.WriteLine($"  all: {Kb(total)} ({total:N0} bytes; {ByType(rows)})");
        Console.WriteLine($"  the HTML of /today: {html.Length:N0} bytes as sent; gzip would make it {Compressed(html, false):N0}, brotli {Compressed(html, true):N0}");
        Console.WriteLine($"  first visit ≤ {Kb(FirstVisitBudget)}: {Verdict(total <= FirstVisitBudget)} ({Kb(total)})");
        if (outDir is not null)
        {
            await File.WriteAllBytesAsync(Path.Combine(outDir, "today.html"), html);
            await File.WriteAllLinesAsync(Path.Combine(outDir, "first-visit.tsv"),
                rows.Select(t => string.Join('\t', t.Worker ? "sw" : "page", t.Type, t.Status, t.Encoding, t.Bytes, t.Body, t.Path)));
        }
        return true;
    }

    /// <summary>True for a request the service worker made (Playwright has no frame for it and throws).</summary>
    private static bool FromWorker(IRequest request)
    {
        try
        {
            _ = request.Frame;
            return false;
        }
        catch (PlaywrightException)
        {
            return true;
        }
    }

    private static readonly string[] Kinds = ["document", "css", "js", "other"];

    private static string Kind(string resourceType, string path)
    {
        var file = path.Split('?')[0];
        return resourceType == "document" ? "document"
            : resourceType == "stylesheet" || file.EndsWith(".css", StringComparison.Ordinal) ? "css"
            : resourceType == "script" || file.EndsWith(".js", StringComparison.Ordinal) ? "js"
            : "other";
    }

    private static long Compressed(byte[] data, bool brotli)
    {
        using var output = new MemoryStream();
        using (Stream zip = brotli ? new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true) : new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            zip.Write(data);
        return output.Length;
    }

    private sealed record Sample(double Mark, double Painted, double RoundTrip, double Before, double Worker, double ServerWait, double Answered, double Updated);

    /// <summary>Logs <paramref name="warm"/> sets untimed, then <paramref name="count"/> timed ones; when the day has no set left, today's session is deleted and the page reloaded.</summary>
    private static async Task<int> LogSets(IPage page, int count, int warm, string? outDir)
    {
        await page.AddInitScriptAsync(Probe);
        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.Load });
        var samples = new List<Sample>();
        var resets = 0;
        Console.WriteLine();
        Console.WriteLine($"Logging sets on /today: {warm} to warm up, then {count} timed (fill weight, reps and RIR of the next set, tap \"Log set\")");
        for (var i = 0; i < warm + count; i++)
        {
            var row = page.Locator("#today li.set.current:not(.done)");
            if (await row.CountAsync() == 0)
                row = page.Locator("#today li.set:not(.done)");
            if (await row.CountAsync() == 0)
            {
                // Every row is done: start the day again (not timed).
                if (++resets > count)
                    throw new InvalidOperationException("Today keeps showing no set to log.");
                await page.EvaluateAsync("""
                    async () => {
                      const id = document.getElementById('today').dataset.session;
                      const token = document.querySelector('meta[name="xsrf"]').content;
                      const r = await fetch(`/api/sessions/${id}`, { method: 'DELETE', headers: { 'X-XSRF-TOKEN': token } });
                      if (!r.ok) throw new Error(`DELETE /api/sessions/${id}: ${r.status}`);
                    }
                    """);
                await page.ReloadAsync(new() { WaitUntil = WaitUntilState.Load });
                i--;
                continue;
            }
            row = row.First;
            var form = row.Locator("form.log");
            if (!await form.IsVisibleAsync())
                await row.Locator("details.later > summary").ClickAsync();
            var weight = form.GetByLabel("Weight");
            var reps = form.GetByLabel("Reps");
            var w = await weight.InputValueAsync();
            await weight.FillAsync(w.Length > 0 ? w : "40");
            var r = await reps.InputValueAsync();
            await reps.FillAsync(r.Length > 0 ? r : "8");
            await form.GetByLabel("RIR").FillAsync("2");
            await Step("arming the probe", row.EvaluateAsync("(li) => window.__bench.arm(li)"));
            await form.GetByRole(AriaRole.Button, new() { Name = "Log set" }).ClickAsync();
            // Done, painted, sent, and the page re-rendered with the server's advice for the next set.
            await page.WaitForFunctionAsync("() => window.__bench.painted !== null && window.__bench.updated !== null");
            await page.Locator(".badge.waiting").WaitForAsync(new() { State = WaitForSelectorState.Detached });
            var read = await Step("the timings of the set", page.EvaluateAsync<JsonElement>("() => window.__bench.read()"));
            if (read.GetProperty("click").ValueKind != JsonValueKind.Number)
                throw new InvalidOperationException("The page did not see the tap on \"Log set\".");
            var click = read.GetProperty("click").GetDouble();
            var posts = read.GetProperty("posts");
            if (posts.GetArrayLength() != 1)
                throw new InvalidOperationException($"Expected one POST /api/sets after the tap, saw {posts.GetArrayLength()}.");
            var post = posts[0];
            if (i >= warm)
            {
                samples.Add(new(
                    read.GetProperty("done").GetDouble() - click, read.GetProperty("painted").GetDouble() - click,
                    post.GetProperty("duration").GetDouble(), post.GetProperty("before").GetDouble(), post.GetProperty("worker").GetDouble(),
                    post.GetProperty("wait").GetDouble(),
                    post.GetProperty("end").GetDouble() - click, read.GetProperty("updated").GetDouble() - click));
            }
        }

        // What the page showed is what the server stored: today's session holds every set marked done.
        var check = await Step("the sets stored today", page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await fetch('/api/sessions', { headers: { Accept: 'application/json' } });
              const date = document.getElementById('today').dataset.date;
              const sessions = (await r.json()).filter((s) => s.date === date);
              return { stored: sessions.reduce((n, s) => n + s.sets.length, 0), shown: document.querySelectorAll('#today li.set.done').length };
            }
            """));
        var (stored, shown) = (check.GetProperty("stored").GetInt32(), check.GetProperty("shown").GetInt32());
        if (stored != shown)
            throw new InvalidOperationException($"The page shows {shown} sets done today, the server stored {stored}.");
        Console.WriteLine($"  {samples.Count} sets timed; the day was started again {resets} time(s) when every set was done; today's session holds the {stored} sets the page shows done");
        Console.WriteLine("                                              median       p95       max");
        void Line(string what, Func<Sample, double> f)
        {
            var values = samples.Select(f).Order().ToArray();
            Console.WriteLine($"  {what,-42} {Ms(Percentile(values, 50)),9} {Ms(Percentile(values, 95)),9} {Ms(values[^1]),9}");
        }
        Line("tap → \"Done\" on the row (DOM)", s => s.Mark);
        Line("tap → frame showing \"Done\"", s => s.Painted);
        Line("POST /api/sets round trip", s => s.RoundTrip);
        Line("  of it, before the request is sent", s => s.Before);
        Line("    of that, in the service worker", s => s.Worker);
        Line("  of it, waiting for the answer", s => s.ServerWait);
        Line("tap → server's answer in", s => s.Answered);
        Line("tap → page re-rendered (next-set advice)", s => s.Updated);
        if (outDir is not null)
        {
            await File.WriteAllLinesAsync(Path.Combine(outDir, "sets.tsv"),
                ["mark\tpainted\tround_trip\tbefore\tworker\twait\tanswered\tupdated",
                 .. samples.Select(x => string.Join('\t', new[] { x.Mark, x.Painted, x.RoundTrip, x.Before, x.Worker, x.ServerWait, x.Answered, x.Updated }.Select(v => v.ToString("0.0", Inv))))]);
        }
        var painted95 = Percentile([.. samples.Select(s => s.Painted).Order()], 95);
        var trip95 = Percentile([.. samples.Select(s => s.RoundTrip).Order()], 95);
        Console.WriteLine($"  set shown done ≤ {MarkBudgetMs:0} ms (p95, tap → frame): {Verdict(painted95 <= MarkBudgetMs)} ({Ms(painted95)})");
        Console.WriteLine($"  POST /api/sets round trip ≤ {RoundTripBudgetMs:0} ms p95: {Verdict(trip95 <= RoundTripBudgetMs)} ({Ms(trip95)})");
        return 0;
    }

    /// <summary>Waits at most 30 s for a step that has no timeout of its own (Playwright's evaluations and request details), naming it when it hangs.</summary>
    private static async Task<T> Step<T>(string what, Task<T> task)
    {
        try
        {
            return await task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"web-today: no answer in 30 s while waiting for {what}");
        }
    }

    private static async Task Step(string what, Task task) => await Step(what, task.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default));

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, int p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Verdict(bool met) => met ? "met" : "NOT MET";

    private static string Ms(double ms) => ms.ToString("0.0", Inv) + " ms";

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("0.0", Inv) + " KiB";
}
