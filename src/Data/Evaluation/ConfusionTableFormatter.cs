// Writes a confusion matrix in the layout of ML.NET's ConfusionMatrix.GetFormattedConfusionTable()
// (its MetricWriter), e.g. for 3 classes:
//
//   Confusion table
//             ||========================
//   PREDICTED ||     0 |     1 |     2 | Recall
//   TRUTH     ||========================
//           0 ||   147 |     0 |    13 | 0.9187
//           1 ||     0 |   165 |     0 | 1.0000
//           2 ||    25 |     3 |   147 | 0.8400
//             ||========================
//   Precision ||0.8547 |0.9821 |0.9187 |
//
// (147/160 = 0.91875 is stored as 0.918749999..., so it prints as 0.9187 wherever it appears.)
// Rules (ML.NET's, with one addition marked *):
//  - The text starts with an empty line and every line, the last included, ends with Environment.NewLine.
//  - Cells are W wide: 5 characters, or 8 when there are exactly 2 classes; *W grows to the widest count
//    when a count does not fit (ML.NET lets such a count push its row out of line).
//  - A count cell is " " + count right-aligned in W + " |" (counts with thousands separators, "N0");
//    a precision cell is the value with 4 decimals right-aligned in W + 1, then " |"; recall follows
//    each row as " " + the value with 4 decimals. The "=" rules are W + 3 per class.
//  - Long class names: when a name is longer than W, the column headers become the class indices
//    0, 1, 2, ... and each row label becomes "index. name" (indices right-aligned to the widest index,
//    names right-aligned), so headers stay unambiguous and every full name is still shown once.
//  - The row-label column is at least 9 wide ("PREDICTED"); longer row labels widen it for every line.
// Numbers are written with the invariant culture (ML.NET uses the current one) so the text is the same
// on every machine.
using System.Globalization;
using System.Text;

namespace MlNetAttention.Data;

internal static class ConfusionTableFormatter
{
    private const int RowLabelMinimumWidth = 9; // the width of "PREDICTED", "TRUTH    " and "Precision"

    public static string Format(ConfusionMatrix matrix)
    {
        int K = matrix.NumberOfClasses;
        var inv = CultureInfo.InvariantCulture;
        var names = matrix.PredictedClassesIndicators.Select(n => n.ToString()).ToArray();
        var counts = matrix.Counts.Select(row => row.Select(c => c.ToString("N0", inv)).ToArray()).ToArray();

        int cellWidth = Math.Max(K == 2 ? 8 : 5, counts.SelectMany(row => row).Select(c => c.Length).DefaultIfEmpty(0).Max());
        int longestName = names.Select(n => n.Length).DefaultIfEmpty(0).Max();
        bool indicesInHeader = longestName > cellWidth;
        int indexWidth = indicesInHeader ? (K - 1).ToString(inv).Length : 0;
        int rowLabelWidth = Math.Max(RowLabelMinimumWidth, indicesInHeader ? indexWidth + 2 + longestName : longestName);
        string pad = new(' ', rowLabelWidth - RowLabelMinimumWidth);
        string rule = new('=', K * (cellWidth + 3));

        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("Confusion table");
        text.Append("          ").Append(pad).Append("||").AppendLine(rule);
        text.Append("PREDICTED ").Append(pad).Append("||");
        for (int c = 0; c < K; c++)
        {
            string header = indicesInHeader ? c.ToString(inv) : names[c];
            text.Append(' ').Append(header.PadLeft(cellWidth)).Append(" |");
        }
        text.AppendLine(" Recall");
        text.Append("TRUTH     ").Append(pad).Append("||").AppendLine(rule);
        for (int actual = 0; actual < K; actual++)
        {
            string rowLabel = indicesInHeader
                ? actual.ToString(inv).PadLeft(indexWidth) + ". " + names[actual].PadLeft(rowLabelWidth - indexWidth - 2)
                : names[actual].PadLeft(rowLabelWidth);
            text.Append(rowLabel).Append(" ||");
            for (int predicted = 0; predicted < K; predicted++) text.Append(' ').Append(counts[actual][predicted].PadLeft(cellWidth)).Append(" |");
            text.Append(' ').AppendLine(matrix.PerClassRecall[actual].ToString("F4", inv).PadLeft(5));
        }
        text.Append("          ").Append(pad).Append("||").AppendLine(rule);
        text.Append("Precision ").Append(pad).Append("||");
        for (int predicted = 0; predicted < K; predicted++)
            text.Append(matrix.PerClassPrecision[predicted].ToString("N4", inv).PadLeft(cellWidth + 1)).Append(" |");
        text.AppendLine();
        return text.ToString();
    }
}
