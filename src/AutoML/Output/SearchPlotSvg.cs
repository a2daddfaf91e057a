// The search as a picture for the CLI's HTML report: each completed trial is a dot at (time it ended,
// its metric), one colour per trainer family, larger for higher rungs; a step line traces the best
// full-budget score so far. Plain SVG text, no dependencies, invariant number formatting.
using System.Globalization;
using System.Text;

namespace MlNetAttention.AutoML;

/// <summary>Score against time, per trainer family, as an SVG document.</summary>
public static class SearchPlotSvg
{
    private static readonly string[] Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

    /// <summary>An SVG of <paramref name="leaderboard"/>'s completed trials, <paramref name="width"/>×<paramref name="height"/> pixels.</summary>
    public static string Render(Leaderboard leaderboard, int width = 720, int height = 400)
    {
        ArgumentNullException.ThrowIfNull(leaderboard);
        if (width < 200 || height < 150)
            throw new ArgumentException($"The plot needs at least 200×150 pixels; got {width}×{height}.", nameof(width));
        const double left = 60, right = 150, top = 20, bottom = 40;
        var result = leaderboard.Result;
        var points = result.RunDetails.Where(r => r.Status == TrialStatus.Completed && double.IsFinite(r.MetricValue))
            .Select(r => (r.TrainerName, End: r.StartedAtSeconds + r.RuntimeInSeconds, r.MetricValue, r.Budget.Rung, r.Budget.IsFull)).ToList();
        var families = result.RunDetails.Select(r => r.TrainerName).Distinct().ToList();
        double xMax = Math.Max(result.ElapsedSeconds, 1e-3);
        double yMin = points.Count == 0 ? 0 : points.Min(p => p.MetricValue), yMax = points.Count == 0 ? 1 : points.Max(p => p.MetricValue);
        if (yMax - yMin < 1e-6) { yMin -= 0.01; yMax += 0.01; }
        double X(double seconds) => left + seconds / xMax * (width - left - right);
        double Y(double value) => height - bottom - (value - yMin) / (yMax - yMin) * (height - top - bottom);
        string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(left)}\" y1=\"{N(height - bottom)}\" x2=\"{N(width - right)}\" y2=\"{N(height - bottom)}\" stroke=\"black\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(left)}\" y1=\"{N(top)}\" x2=\"{N(left)}\" y2=\"{N(height - bottom)}\" stroke=\"black\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N((left + width - right) / 2)}\" y=\"{N(height - 8)}\" text-anchor=\"middle\">seconds</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"12\" y=\"{N(top + 10)}\">{Escape(result.OptimizingMetric.ToString())}</text>\n");
        foreach (var (value, anchor) in new[] { (yMin, "end"), (yMax, "end") })
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(left - 4)}\" y=\"{N(Y(value) + 4)}\" text-anchor=\"{anchor}\">{value.ToString("0.000", CultureInfo.InvariantCulture)}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(width - right)}\" y=\"{N(height - bottom + 14)}\" text-anchor=\"end\">{N(xMax)}</text>\n");

        // Best full-budget score so far, as a step line.
        bool maximizing = result.OptimizingMetric.IsMaximizing();
        var best = new List<string>();
        double? incumbent = null;
        foreach (var p in points.Where(p => p.IsFull).OrderBy(p => p.End))
        {
            if (incumbent is double b && (maximizing ? p.MetricValue <= b : p.MetricValue >= b))
                continue;
            if (incumbent is double previous)
                best.Add($"{N(X(p.End))},{N(Y(previous))}");
            incumbent = p.MetricValue;
            best.Add($"{N(X(p.End))},{N(Y(p.MetricValue))}");
        }
        if (incumbent is double last)
            best.Add($"{N(X(xMax))},{N(Y(last))}");
        if (best.Count > 1)
            svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"best\" fill=\"none\" stroke=\"#444\" stroke-dasharray=\"4 3\" points=\"{string.Join(' ', best)}\"/>\n");

        for (int f = 0; f < families.Count; f++)
        {
            string colour = Palette[f % Palette.Length];
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"family\" data-trainer=\"{Escape(families[f])}\" fill=\"{colour}\">\n");
            foreach (var p in points.Where(p => p.TrainerName == families[f]))
                svg.Append(CultureInfo.InvariantCulture, $"  <circle cx=\"{N(X(p.End))}\" cy=\"{N(Y(p.MetricValue))}\" r=\"{N(2.5 + 1.5 * p.Rung)}\"><title>{Escape(p.TrainerName)} rung {p.Rung}: {p.MetricValue.ToString("0.0000", CultureInfo.InvariantCulture)}</title></circle>\n");
            svg.Append("</g>\n");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(width - right + 10)}\" y=\"{N(top + 16 * f)}\" width=\"10\" height=\"10\" fill=\"{colour}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(width - right + 24)}\" y=\"{N(top + 16 * f + 9)}\">{Escape(families[f])}</text>\n");
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
