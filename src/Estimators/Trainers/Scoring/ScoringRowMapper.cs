// The transformer as an IRowToRowMapper, which is what PredictionEngine (and any ML.NET component that
// maps single rows, e.g. a TransformerChain's composite mapper) asks for. GetRow wraps one input row:
// input columns pass through to the input's own getters, and the added columns are computed on the
// first getter call for the input's current position (one forward pass of batch 1) and kept until the
// input moves. Each mapped row rents its own engine instance from the transformer's pool and returns
// it when disposed, so rows of different threads never share mutable state.
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Trainers;

internal sealed class ScoringRowMapper(AttentionTextClassificationTransformer parent, DataViewSchema inputSchema) : IRowToRowMapper
{
    private readonly DataViewSchema _outputSchema = parent.GetOutputSchema(inputSchema);

    public DataViewSchema InputSchema => inputSchema;

    public DataViewSchema OutputSchema => _outputSchema;

    /// <summary>Input columns needed for <paramref name="dependingColumns"/>: themselves when they are
    /// input columns, and the sentence column(s) when any added column is wanted.</summary>
    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        var wanted = dependingColumns.ToList();
        var needed = wanted.Where(c => c.Index < inputSchema.Count).Select(c => inputSchema[c.Index]).ToList();
        if (wanted.Any(c => c.Index >= inputSchema.Count))
        {
            var (first, second) = parent.FindSentences(inputSchema);
            needed.Add(first);
            if (second is { } s) needed.Add(s);
        }
        return needed.DistinctBy(c => c.Index).ToList();
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new MappedRow(parent, _outputSchema, input, ScoringCursorBase.ActiveFlags(_outputSchema, activeColumns));
    }

    private sealed class MappedRow : DataViewRow
    {
        private readonly AttentionTextClassificationTransformer _parent;
        private readonly DataViewSchema _schema;
        private readonly DataViewRow _input;
        private readonly bool[] _active;
        private readonly int _inputCount;
        private readonly ValueGetter<ReadOnlyMemory<char>>? _first, _second;
        private readonly TokenBatch _batch;
        private readonly int[] _ids, _bagIds, _segments;
        private readonly float[] _probabilities;
        private readonly float[]? _attention;
        private EncoderClassifier? _model;
        private long _scoredPosition = -1;

        public MappedRow(AttentionTextClassificationTransformer parent, DataViewSchema schema, DataViewRow input, bool[] active)
        {
            _parent = parent;
            _schema = schema;
            _input = input;
            _active = active;
            _inputCount = input.Schema.Count;
            var encoder = parent.Encoder;
            _batch = encoder.NewBatch(1);
            _ids = new int[encoder.ScratchLength];
            _bagIds = new int[encoder.BagMaximumLength];
            _segments = new int[encoder.ScratchLength];
            _probabilities = new float[parent.ClassCount];
            bool scoring = Enumerable.Range(_inputCount, schema.Count - _inputCount).Any(i => active[i]);
            if (scoring)
            {
                var (first, second) = parent.FindSentences(input.Schema);
                _first = input.GetGetter<ReadOnlyMemory<char>>(first);
                _second = second is { } s ? input.GetGetter<ReadOnlyMemory<char>>(s) : null;
            }
            bool attentionWanted = Enumerable.Range(_inputCount, schema.Count - _inputCount)
                .Any(i => active[i] && schema[i].Name == AttentionTextClassificationTransformer.AttentionWeightsColumnName);
            _attention = attentionWanted ? new float[encoder.MaximumLength] : null;
        }

        public override DataViewSchema Schema => _schema;

        public override long Position => _input.Position;

        public override long Batch => _input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if ((uint)column.Index >= (uint)_schema.Count || !_active[column.Index])
                throw new InvalidOperationException($"Column '{column.Name}' is not active in this row; ask for it in activeColumns.");
            if (column.Index < _inputCount) return _input.GetGetter<TValue>(_input.Schema[column.Index]);
            Delegate getter = (column.Index - _inputCount) switch
            {
                0 => new ValueGetter<uint>((ref uint value) =>
                    value = (uint)System.Numerics.Tensors.TensorPrimitives.IndexOfMax(Score()) + 1),
                1 => new ValueGetter<VBuffer<float>>((ref VBuffer<float> value) => CopyInto(Score(), ref value)),
                2 => new ValueGetter<VBuffer<float>>((ref VBuffer<float> value) =>
                {
                    Score();
                    CopyInto(_attention.AsSpan(0, _batch.Lengths[0]), ref value);
                }),
                _ => new ValueGetter<VBuffer<ReadOnlyMemory<char>>>(GetTokens),
            };
            return getter as ValueGetter<TValue> ?? throw new InvalidOperationException(
                $"Column '{column.Name}' has type {column.Type}, but its getter was requested as {typeof(TValue).Name}.");
        }

        /// <summary>The class probabilities of the input's current row, computed once per position.</summary>
        private ReadOnlySpan<float> Score()
        {
            if (_scoredPosition != _input.Position)
            {
                ReadOnlyMemory<char> a = default, b = default;
                _first!(ref a);
                _second?.Invoke(ref b);
                _batch.Clear();
                var encoder = _parent.Encoder;
                encoder.AddTo(_batch, a.Span, b.Span, _ids, _bagIds, _segments);
                _model ??= _parent.Pool.Rent();
                _model.Predict(_batch, _probabilities, _attention);
                _scoredPosition = _input.Position;
            }
            return _probabilities;
        }

        private void GetTokens(ref VBuffer<ReadOnlyMemory<char>> value)
        {
            Score();
            var ids = _batch.Row(0);
            var tokens = _parent.Tokenizer.Tokens;
            var editor = VBufferEditor.Create(ref value, ids.Length);
            for (int t = 0; t < ids.Length; t++) editor.Values[t] = tokens[ids[t]].AsMemory();
            value = editor.Commit();
        }

        private static void CopyInto(ReadOnlySpan<float> values, ref VBuffer<float> destination)
        {
            var editor = VBufferEditor.Create(ref destination, values.Length);
            values.CopyTo(editor.Values);
            destination = editor.Commit();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _model is not null)
            {
                _parent.Pool.Return(_model);
                _model = null;
            }
            base.Dispose(disposing);
        }
    }
}
