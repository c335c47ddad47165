using System.Net;
using System.Text;

namespace Failsafe.Store.Reporting;

/// <summary>
/// <c>index.html</c> of <c>failsafe report</c>: a one-screen summary (the window, warning days, the failure budget, the
/// 80/20 split, each lift's trend, sets per muscle group) and every chart, in one self-contained file (styles inline,
/// the charts' PNGs as data URIs, nothing fetched) that a lifter can send to a coach. Each chart's description is its
/// image's text alternative and is written under it.
/// </summary>
public static class ReportPage
{
    public const string FileName = "index.html";

    /// <summary>The page for <paramref name="data"/>; <paramref name="charts"/> are each chart's name, title, description and PNG file.</summary>
    public static string Html(ReportData data, IReadOnlyList<(string Name, string Title, string Description, string Png)> charts)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(charts);
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            """);
        html.Append(CultureInfo.InvariantCulture, $"<title>Training report, {E(ReportText.Window(data))} · Failsafe</title>\n");
        html.Append("""
            <style>
            :root { color-scheme: light dark; --ink: #1f2328; --muted: #57606a; --card: #f6f8fa; }
            @media (prefers-color-scheme: dark) { :root { --ink: #e6edf3; --muted: #9da7b3; --card: #161b22; } body { background: #0d1117; } }
            body { font: 16px/1.5 system-ui, sans-serif; color: var(--ink); max-width: 60rem; margin: 0 auto; padding: 1rem; }
            h1 { margin-bottom: 0.25rem; } .lead { color: var(--muted); margin-top: 0; }
            dl { background: var(--card); border-radius: 8px; padding: 0.75rem 1rem; }
            dt { font-weight: 600; margin-top: 0.5rem; } dd { margin: 0; }
            figure { margin: 2rem 0; } img { max-width: 100%; height: auto; border-radius: 6px; background: #fff; }
            figcaption { color: var(--muted); }
            </style>
            </head>
            <body>
            <main>
            <h1>Training report</h1>
            """);
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"lead\">{E(ReportText.Window(data))}: {data.Sessions} session{(data.Sessions == 1 ? "" : "s")}, {data.CheckIns} check-in{(data.CheckIns == 1 ? "" : "s")}. Loads in {data.UnitName}.</p>\n");
        html.Append("<h2>At a glance</h2>\n<dl>\n");
        void Item(string term, string text) => html.Append(CultureInfo.InvariantCulture, $"<dt>{E(term)}</dt><dd>{E(text)}</dd>\n");
        Item("Warning days", ReportText.WarningDays(data));
        Item("Failure budget", ReportText.FailureBudget(data));
        Item("Sets by reps in reserve (80/20)", ReportText.WeeklySets(data));
        if (data.Lifts.IsEmpty)
            Item("Strength", ReportText.E1Rm(data));
        foreach (var lift in data.Lifts)
            Item($"{lift.Name}: trend", ReportText.Lift(data, lift));
        Item("Sets per muscle group", ReportText.MuscleSets(data));
        html.Append("</dl>\n");
        foreach (var (name, title, description, png) in charts)
        {
            var uri = "data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(png));
            html.Append(CultureInfo.InvariantCulture, $"<figure id=\"{E(name)}\">\n<h2>{E(title)}</h2>\n<img src=\"{uri}\" alt=\"{E(description)}\">\n<figcaption>{E(description)}</figcaption>\n</figure>\n");
        }
        html.Append("<p class=\"lead\">Written by Failsafe (<code>failsafe report</code>). The same charts are on the web app's Progress page.</p>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }
}
