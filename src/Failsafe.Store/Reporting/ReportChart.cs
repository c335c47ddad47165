using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ScottPlot;
using SkiaSharp;

namespace Failsafe.Store.Reporting;

/// <summary>Where a chart is shown, which sets its size and colours.</summary>
public enum ChartMedium
{
    /// <summary>
    /// The files <c>failsafe report</c> writes: 1200 × 650 px on white, each chart titled in the image.
    /// </summary>
    File,

    /// <summary>
    /// The web app: an SVG a phone's width across, on a transparent background, its text, axes and grid in
    /// <c>currentColor</c> so the page's light or dark colour scheme colours it; titled by the page.
    /// </summary>
    Page,
}

/// <summary>How a legend entry is drawn.</summary>
public enum KeyShape
{
    /// <summary>A filled square (bars, bands, areas).</summary>
    Swatch,

    /// <summary>A line, with <see cref="ChartKey.Marker"/> on it unless that is none.</summary>
    Line,

    /// <summary>A mark alone (<see cref="ChartKey.Marker"/>).</summary>
    Marker,

    /// <summary>The label alone, in the colour (a note drawn on the chart).</summary>
    Text,
}

/// <summary>One legend entry: its words, shape and colour (<c>#RRGGBB</c> with <see cref="Opacity"/>, or <c>currentColor</c>).</summary>
public sealed record ChartKey(string Label, KeyShape Shape, string Color, double Opacity, MarkerShape Marker);

/// <summary>
/// One chart of a report, drawn by ScottPlot: one or more panels stacked or side by side on one canvas, with a title
/// and a description in words (the text alternative). Saves as PNG or SVG, or gives the SVG for a web page.
/// </summary>
public sealed partial class ReportChart : IDisposable
{
    private readonly List<(Plot Plot, PixelRect Rect)> _panels;

    internal ReportChart(string name, string title, string description, ChartMedium medium, int width, int height, List<(Plot, PixelRect)> panels, IReadOnlyList<ChartKey> key)
    {
        Key = key;
        Name = name;
        Title = title;
        Description = description;
        Medium = medium;
        Width = width;
        Height = height;
        _panels = panels;
    }

    /// <summary>The chart's file name without extension (<c>e1rm</c>, <c>weekly-sets</c>…).</summary>
    public string Name { get; }

    public string Title { get; }

    /// <summary>What the chart shows, in sentences with its numbers: the text alternative.</summary>
    public string Description { get; }

    public ChartMedium Medium { get; }

    /// <summary>A page chart's legend (a file's is drawn in the image): what each colour and mark stands for.</summary>
    public IReadOnlyList<ChartKey> Key { get; }

    /// <summary>The chart's size in CSS pixels (a PNG has <see cref="Scale"/> times as many).</summary>
    public int Width { get; }

    public int Height { get; }

    /// <summary>Pixels per CSS pixel in a PNG.</summary>
    public float Scale => Medium == ChartMedium.File ? 1.5f : 2f;

    /// <summary>The panels, for tests that check what is drawn (axis ranges, ticks).</summary>
    public IReadOnlyList<Plot> Panels => [.. _panels.Select(p => p.Plot)];

    public void SavePng(string path)
    {
        using var surface = SKSurface.Create(new SKImageInfo((int)Math.Round(Width * Scale), (int)Math.Round(Height * Scale)));
        surface.Canvas.Clear(Medium == ChartMedium.File ? SKColors.White : SKColors.Transparent);
        surface.Canvas.Scale(Scale);
        Render(surface.Canvas);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    /// <summary>A standalone SVG document with a title and description.</summary>
    public void SaveSvg(string path) => File.WriteAllText(path, Svg("chart", standalone: true).ToString(SaveOptions.DisableFormatting));

    /// <summary>
    /// The chart as an <c>&lt;svg&gt;</c> element for a web page: scalable (a viewBox, no fixed size), an image role
    /// named by its <c>&lt;title&gt;</c> and described by its <c>&lt;desc&gt;</c>, its ids prefixed with <paramref name="id"/>
    /// so several charts can share a page, and coordinates rounded to a tenth of a pixel.
    /// </summary>
    public string ForPage(string id) => Svg(id, standalone: false).ToString(SaveOptions.DisableFormatting);

    private void Render(SKCanvas canvas)
    {
        foreach (var (plot, rect) in _panels)
        {
            // ScottPlot renders a plot twice the first time (to measure its tick labels), both times onto the canvas;
            // the first is spent off screen.
            if (plot.LastRender.Count == 0)
                plot.RenderInMemory((int)rect.Width, (int)rect.Height);
            // A plot clears the canvas before it draws: each panel is clipped to its own part.
            canvas.Save();
            canvas.ClipRect(new SKRect(rect.Left, rect.Top, rect.Right, rect.Bottom));
            canvas.Translate(rect.Left, rect.Top);
            plot.Render(canvas, new PixelRect(0, rect.Width, rect.Height, 0));
            canvas.Restore();
        }
    }

    private XElement Svg(string id, bool standalone)
    {
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(SKRect.Create(Width, Height), stream))
        {
            if (Medium == ChartMedium.File)
                canvas.Clear(SKColors.White);
            Render(canvas);
        }
        var svg = XElement.Parse(Encoding.UTF8.GetString(stream.ToArray()));
        XNamespace ns = "http://www.w3.org/2000/svg";
        svg.SetAttributeValue("width", standalone ? Width : null);
        svg.SetAttributeValue("height", standalone ? Height : null);
        svg.SetAttributeValue("viewBox", $"0 0 {Width} {Height}");
        svg.SetAttributeValue("role", "img");
        svg.SetAttributeValue("aria-labelledby", $"{id}-title {id}-desc");
        // Skia writes a transparent fill as no fill at all, which SVG reads as black: the page's backgrounds go.
        svg.Descendants(ns + "rect").Where(r => r.Attribute("fill") is null && r.Parent?.Name != ns + "clipPath").Remove();
        foreach (var e in svg.Descendants())
        {
            foreach (var a in e.Attributes().ToList())
                a.Value = Tidy(a, id);
            // Skia writes each glyph's position after the text, the last with a trailing comma, and the text between
            // line breaks; the positions are kept (the layout holds with another font) as a plain list.
            if (e.Name.LocalName == "text")
                e.Value = e.Value.Trim();
        }
        svg.AddFirst(new XElement(ns + "title", new XAttribute("id", $"{id}-title"), Title), new XElement(ns + "desc", new XAttribute("id", $"{id}-desc"), Description));
        return svg;
    }

    /// <summary>The ink colour of <see cref="ChartMedium.Page"/> charts, replaced by <c>currentColor</c> in their SVG.</summary>
    internal static readonly Color PageInk = Color.FromHex("#010203");

    private string Tidy(XAttribute a, string id)
    {
        var value = a.Value;
        switch (a.Name.LocalName)
        {
            case "fill" or "stroke" when Medium == ChartMedium.Page && value.Equals(PageInk.ToHex()[..7], StringComparison.OrdinalIgnoreCase):
                return "currentColor";
            case "id":
                return $"{id}-{value}";
            case "clip-path" or "mask" or "filter" or "fill" or "stroke" when value.StartsWith("url(#", StringComparison.Ordinal):
                return $"url(#{id}-{value[5..]}";
            case "href":
                return value.StartsWith('#') ? $"#{id}-{value[1..]}" : value;
            case "x" or "y" or "d" or "cx" or "cy" or "rx" or "ry" or "r" or "width" or "height" or "transform" or "points"
                or "x1" or "x2" or "y1" or "y2" or "stroke-width":
                return Number().Replace(value.Replace(", ", " ", StringComparison.Ordinal).TrimEnd(',', ' '), m => Round(m.Value, 1));
            // The family the text was measured with, then any sans-serif face where it is not installed (a phone).
            case "font-family" when !value.Contains(',', StringComparison.Ordinal):
                return $"{value}, sans-serif";
            case "opacity" or "fill-opacity" or "stroke-opacity":
                return Round(value, 2);
            default:
                return value;
        }
    }

    private static string Round(string number, int digits)
    {
        var rounded = Math.Round(double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture), digits, MidpointRounding.AwayFromZero);
        // No "-0": a tenth of a pixel left of the edge is the edge.
        return (rounded == 0 ? 0 : rounded).ToString(digits == 1 ? "0.#" : "0.##", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"-?\d*\.\d+(?:[eE][-+]?\d+)?")]
    private static partial Regex Number();

    public void Dispose()
    {
        foreach (var (plot, _) in _panels)
            plot.Dispose();
    }
}
