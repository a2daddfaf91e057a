// Reads one row's prediction from a scored cursor: the predicted label as a string (PredictedLabel is
// text after MapKeyToValue; a key is mapped through the class names) and the class probabilities
// (Score, a vector in the order of ClassifierModel.ClassNames).
namespace MlNetAttention.Cli.Model;

/// <summary>Getters for the predicted label and the probabilities of a scored row.</summary>
internal sealed class PredictionReader
{
    private readonly ValueGetter<VBuffer<float>> _score;
    private readonly Func<string> _label;
    private VBuffer<float> _scoreValues;

    /// <summary>The columns this reader needs active on the cursor.</summary>
    public static DataViewSchema.Column[] Columns(ClassifierModel model, DataViewSchema scored) =>
        [scored[model.ScoreColumn], scored[model.PredictedLabelColumn]];

    public PredictionReader(ClassifierModel model, DataViewRowCursor cursor)
    {
        var schema = cursor.Schema;
        _score = cursor.GetGetter<VBuffer<float>>(schema[model.ScoreColumn]);
        var predicted = schema[model.PredictedLabelColumn];
        if (predicted.Type is TextDataViewType)
        {
            var getter = cursor.GetGetter<ReadOnlyMemory<char>>(predicted);
            ReadOnlyMemory<char> text = default;
            _label = () =>
            {
                getter(ref text);
                return text.ToString();
            };
        }
        else
        {
            var getter = cursor.GetGetter<uint>(predicted);
            var names = model.ClassNames;
            uint key = 0;
            _label = () =>
            {
                getter(ref key);
                return key >= 1 && key <= names.Count ? names[(int)key - 1] : "";
            };
        }
    }

    /// <summary>The predicted label of the current row.</summary>
    public string PredictedLabel() => _label();

    /// <summary>Copies the current row's probabilities into <paramref name="destination"/> (one per class).</summary>
    public void Probabilities(Span<float> destination)
    {
        _score(ref _scoreValues);
        _scoreValues.CopyTo(destination);
    }
}
