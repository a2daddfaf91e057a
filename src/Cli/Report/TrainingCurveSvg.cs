// The training curve of the HTML report as an inline SVG (no script, no external file): the mean
// training loss of each epoch (left axis) and the validation accuracy (right axis, 0–100 %) against the
// epoch, with the kept (best) epoch marked. Coordinates are written with the invariant culture.
using System.Globalization;
using System.Text;
using MlNetAttention.Trainers;

namespace MlNetAttention.Cli.Report;

internal static class TrainingCurveSvg
{
    private const int Width = 720, Height = 320;
    private const int Left = 60, Right = 60, Top = 20, Bottom = 76;
    private const string LossColour = "#1f77b4", AccuracyColour = "#d62728";

    /// <summary>The SVG element for <paramref name="epochs"/> (empty when there is no epoch).</summary>
    public static string Render(IReadOnlyList<TrainingProgress> epochs, int bestEpoch)
    {
        if (epochs.Count == 0) return "";
        double plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        double maxLoss = Math.Max(1e-6, epochs.Max(e => e.Loss)) * 1.1;
        int first = epochs[0].Epoch, last = epochs[^1].Epoch;
        double X(int epoch) => Left + (last == first ? plotWidth / 2 : plotWidth * (epoch - first) / (last - first));
        double YLoss(double loss) => Top + plotHeight * (1 - loss / maxLoss);
        double YAccuracy(double accuracy) => Top + plotHeight * (1 - accuracy);

        var svg = new StringBuilder();
        svg.Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"Training curve\">"));
        svg.Append(F($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotWidth}\" height=\"{plotHeight}\" fill=\"#fafafa\" stroke=\"#ccc\"/>"));
        for (int i = 0; i <= 4; i++)
        {
            double fraction = i / 4.0, y = Top + plotHeight * (1 - fraction);
            svg.Append(F($"<line x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Left + plotWidth}\" y2=\"{y:F1}\" stroke=\"#e5e5e5\"/>"));
            svg.Append(F($"<text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\" font-size=\"11\" fill=\"{LossColour}\">{maxLoss * fraction:F2}</text>"));
            svg.Append(F($"<text x=\"{Left + plotWidth + 6}\" y=\"{y + 4:F1}\" font-size=\"11\" fill=\"{AccuracyColour}\">{fraction * 100:F0}%</text>"));
        }
        int step = Math.Max(1, (int)Math.Ceiling((last - first + 1) / 12.0));
        for (int epoch = first; epoch <= last; epoch += step)
            svg.Append(F($"<text x=\"{X(epoch):F1}\" y=\"{Top + plotHeight + 16}\" text-anchor=\"middle\" font-size=\"11\">{epoch}</text>"));
        svg.Append(F($"<text x=\"{Left + plotWidth / 2:F1}\" y=\"{Top + plotHeight + 34}\" text-anchor=\"middle\" font-size=\"12\">epoch</text>"));

        svg.Append(Polyline(epochs.Select(e => (X(e.Epoch), YLoss(e.Loss))), LossColour));
        var validated = epochs.Where(e => e.ValidationAccuracy is not null).ToList();
        svg.Append(Polyline(validated.Select(e => (X(e.Epoch), YAccuracy(e.ValidationAccuracy!.Value))), AccuracyColour));
        if (validated.FirstOrDefault(e => e.Epoch == bestEpoch) is { } best)
            svg.Append(F($"<circle cx=\"{X(best.Epoch):F1}\" cy=\"{YAccuracy(best.ValidationAccuracy!.Value):F1}\" r=\"6\" fill=\"none\" stroke=\"{AccuracyColour}\" stroke-width=\"2\"><title>kept: epoch {best.Epoch}</title></circle>"));

        // The legend sits under the axis, where no curve can hide it.
        double legendY = Height - 10;
        svg.Append(F($"<text x=\"{Left}\" y=\"{legendY}\" font-size=\"12\" fill=\"{LossColour}\">— training loss (mean per epoch, left axis)</text>"));
        if (validated.Count > 0)
            svg.Append(F($"<text x=\"{Left + plotWidth}\" y=\"{legendY}\" text-anchor=\"end\" font-size=\"12\" fill=\"{AccuracyColour}\">— validation accuracy (right axis; circled: kept epoch)</text>"));
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Polyline(IEnumerable<(double X, double Y)> points, string colour)
    {
        var list = points.ToList();
        if (list.Count == 0) return "";
        var svg = new StringBuilder();
        string coordinates = string.Join(" ", list.Select(p => F($"{p.X:F1},{p.Y:F1}")));
        svg.Append(F($"<polyline points=\"{coordinates}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>"));
        foreach (var (x, y) in list) svg.Append(F($"<circle cx=\"{x:F1}\" cy=\"{y:F1}\" r=\"3\" fill=\"{colour}\"/>"));
        return svg.ToString();
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
