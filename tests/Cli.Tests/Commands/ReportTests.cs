// `train --report`: one self-contained HTML file (nothing loaded from elsewhere, no script) with the
// configuration, the training curve, the metrics, the confusion matrix, and examples whose tokens are
// shaded by attention weight.
using System.Text.RegularExpressions;
using MlNetAttention.Cli.Tests.Support;

namespace MlNetAttention.Cli.Tests.Commands;

[Collection(TrainedModelCollection.Name)]
public sealed partial class ReportTests(TrainedModelFixture fixture)
{
    [Fact]
    public void The_report_is_self_contained_html()
    {
        fixture.Training.Succeeds();
        string html = File.ReadAllText(fixture.ReportPath);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.EndsWith("</html>\n", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(SourceAttribute(), html); // no src= or href= anywhere: nothing is fetched
        Assert.DoesNotContain("url(", html);
    }

    [Fact]
    public void The_report_has_the_configuration_curve_metrics_confusion_matrix_and_examples()
    {
        fixture.Training.Succeeds();
        string html = File.ReadAllText(fixture.ReportPath);

        foreach (string section in new[] { "Run", "Training", "Metrics on the test rows", "Confusion matrix", "Examples shaded by attention weight", "Trainer options" })
            Assert.Contains($"<h2>{section}", html);
        Assert.Contains("<th>ModelDimension</th><td>16</td>", html); // the options the model was trained with
        Assert.Contains("<th>Pooling</th><td>AttentionAndMean</td>", html);
        Assert.Equal(2, Regex.Matches(html, "<polyline ").Count); // loss and validation accuracy
        Assert.Equal(2, Regex.Matches(html, "<tr(?: class=\"best\")?><td>[12]</td>").Count); // one table row per epoch
        foreach (string label in Sample.Classes) Assert.Contains(System.Net.WebUtility.HtmlEncode(label), html);
        Assert.Contains("<th>Precision</th>", html);

        // Examples: tokens shaded by weight, [CLS] and [SEP] included, the weights of one text summing to 1.
        var example = Regex.Match(html, "<div class=\"tokens\">(.*?)</div>", RegexOptions.Singleline);
        Assert.True(example.Success);
        var weights = Regex.Matches(example.Groups[1].Value, "title=\"([0-9.]+)\"").Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains("[CLS]", example.Groups[1].Value);
        Assert.Contains("[SEP]", example.Groups[1].Value);
        Assert.Equal(1.0, weights.Sum(), 2); // printed with 4 decimals each
        Assert.True(weights.Max() > weights.Min()); // attention pooling does not weigh every token alike
    }

    [GeneratedRegex(@"\s(?:src|href)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex SourceAttribute();
}
