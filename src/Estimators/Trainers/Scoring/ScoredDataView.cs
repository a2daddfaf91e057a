// The lazy output of AttentionTextClassificationTransformer.Transform. A cursor that needs a scored
// column reads up to BatchRows input rows ahead, encodes them, runs ONE forward pass for the whole
// batch (multithreaded inside the engine), then serves the rows one by one; the input columns of the
// buffered rows come from RowBatchBuffer copies, since the input cursor has already moved past them.
// A cursor that needs no scored column passes the input through untouched (no model work at all).
// Each scoring cursor rents its own engine instance from the transformer's pool on its first batch
// and returns it on Dispose, so concurrent cursors never share mutable state.
// Batch size: rows × MaximumSequenceLength ≤ BatchTokenBudget (at most MaxBatchRows rows, and no more
// than the input's row count when known, e.g. 1 for a PredictionEngine), because the engine sizes its
// attention buffers for full-length rows.
using Microsoft.ML.Runtime;
using MlNetAttention.Neural.Model;

namespace MlNetAttention.Trainers;

internal sealed class ScoredDataView(
    AttentionTextClassificationTransformer parent, IDataView input, DataViewSchema schema,
    DataViewSchema.Column first, DataViewSchema.Column? second) : IDataView
{
    public const int MaxBatchRows = 128;
    public const int BatchTokenBudget = 4096;

    public DataViewSchema Schema => schema;

    public bool CanShuffle => input.CanShuffle;

    public long? GetRowCount() => input.GetRowCount();

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToList();
        ScoringCursorBase.ActiveFlags(schema, needed); // checks every column belongs to this schema
        int inputCount = input.Schema.Count;
        var passThrough = needed.Where(c => c.Index < inputCount).Select(c => input.Schema[c.Index]).DistinctBy(c => c.Index).ToList();
        bool scoring = needed.Any(c => c.Index >= inputCount);
        var inputColumns = scoring
            ? passThrough.Append(first).Concat(second is { } s ? [s] : []).DistinctBy(c => c.Index).ToList()
            : passThrough;
        var cursor = input.GetRowCursor(inputColumns, rand);
        if (!scoring) return new PassThroughCursor(schema, needed, cursor);
        int rows = Math.Clamp(BatchTokenBudget / parent.MaximumSequenceLength, 1, MaxBatchRows);
        if (input.GetRowCount() is { } known) rows = (int)Math.Clamp(known, 1, rows);
        return new ScoringCursor(parent, schema, needed, cursor, passThrough, first, second, rows);
    }

    private sealed class PassThroughCursor(DataViewSchema schema, IEnumerable<DataViewSchema.Column> needed, DataViewRowCursor input)
        : ScoringCursorBase(schema, needed)
    {
        protected override bool MoveNextCore() => input.MoveNext();

        protected override Delegate MakeGetter(int columnIndex) => ScoringCursorBase.GetterOf(input, input.Schema[columnIndex]);

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        protected override void Dispose(bool disposing)
        {
            if (disposing) input.Dispose();
            base.Dispose(disposing);
        }
    }

    private sealed class ScoringCursor : ScoringCursorBase
    {
        private readonly AttentionTextClassificationTransformer _parent;
        private readonly DataViewRowCursor _input;
        private readonly RowBatchBuffer _buffer;
        private readonly ValueGetter<ReadOnlyMemory<char>> _first;
        private readonly ValueGetter<ReadOnlyMemory<char>>? _second;
        private readonly TokenBatch _batch;
        private readonly int[] _ids, _bagIds, _segments;
        private readonly float[] _probabilities;   // (rows, K)
        private readonly float[]? _attention;      // (rows, MaximumSequenceLength) when AttentionWeights is wanted
        private readonly int _inputCount, _classCount;
        private EncoderClassifier? _model;
        private int _slot = -1;

        public ScoringCursor(AttentionTextClassificationTransformer parent, DataViewSchema schema, IEnumerable<DataViewSchema.Column> needed,
            DataViewRowCursor input, IEnumerable<DataViewSchema.Column> passThrough, DataViewSchema.Column first,
            DataViewSchema.Column? second, int rows) : base(schema, needed)
        {
            _parent = parent;
            _input = input;
            _inputCount = input.Schema.Count;
            _classCount = parent.ClassCount;
            _buffer = new RowBatchBuffer(input, passThrough);
            _first = input.GetGetter<ReadOnlyMemory<char>>(first);
            _second = second is { } s ? input.GetGetter<ReadOnlyMemory<char>>(s) : null;
            int maxLength = parent.MaximumSequenceLength;
            SequenceEncoder encoder = parent.Encoder;
            _batch = encoder.NewBatch(rows);
            _ids = new int[encoder.ScratchLength];
            _bagIds = new int[encoder.BagMaximumLength];
            _segments = new int[encoder.ScratchLength];
            _probabilities = new float[rows * _classCount];
            bool attentionWanted = Enumerable.Range(_inputCount, schema.Count - _inputCount)
                .Any(i => IsActive(i) && schema[i].Name == AttentionTextClassificationTransformer.AttentionWeightsColumnName);
            _attention = attentionWanted ? new float[rows * maxLength] : null;
        }

        protected override bool MoveNextCore()
        {
            if (++_slot < _buffer.Count) return true;
            _buffer.Clear();
            _batch.Clear();
            ReadOnlyMemory<char> a = default, b = default;
            while (_buffer.Count < _batch.Capacity && _input.MoveNext())
            {
                _buffer.Add();
                _first(ref a);
                _second?.Invoke(ref b);
                _parent.Encoder.AddTo(_batch, a.Span, b.Span, _ids, _bagIds, _segments);
            }
            if (_buffer.Count == 0) return false;
            _model ??= _parent.Pool.Rent();
            _model.Predict(_batch, _probabilities, _attention);
            _slot = 0;
            return true;
        }

        protected override Delegate MakeGetter(int columnIndex)
        {
            if (columnIndex < _inputCount) return _buffer.MakeGetter(_input.Schema[columnIndex], () => _slot);
            return (columnIndex - _inputCount) switch
            {
                0 => new ValueGetter<uint>(GetPredictedLabel),
                1 => new ValueGetter<VBuffer<float>>(GetScore),
                2 => new ValueGetter<VBuffer<float>>(GetAttentionWeights),
                _ => new ValueGetter<VBuffer<ReadOnlyMemory<char>>>(GetTokens),
            };
        }

        private ReadOnlySpan<float> Probabilities()
        {
            CheckPosition();
            return _probabilities.AsSpan(_slot * _classCount, _classCount);
        }

        private void GetScore(ref VBuffer<float> value)
        {
            var editor = VBufferEditor.Create(ref value, _classCount);
            Probabilities().CopyTo(editor.Values);
            value = editor.Commit();
        }

        private void GetPredictedLabel(ref uint value) =>
            value = (uint)System.Numerics.Tensors.TensorPrimitives.IndexOfMax(Probabilities()) + 1;

        private void GetAttentionWeights(ref VBuffer<float> value)
        {
            CheckPosition();
            int length = _batch.Lengths[_slot];
            var editor = VBufferEditor.Create(ref value, length);
            _attention.AsSpan(_slot * _batch.MaxLength, length).CopyTo(editor.Values);
            value = editor.Commit();
        }

        private void GetTokens(ref VBuffer<ReadOnlyMemory<char>> value)
        {
            CheckPosition();
            var ids = _batch.Row(_slot);
            var tokens = _parent.Tokenizer.Tokens;
            var editor = VBufferEditor.Create(ref value, ids.Length);
            for (int t = 0; t < ids.Length; t++) editor.Values[t] = tokens[ids[t]].AsMemory();
            value = editor.Commit();
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => _buffer.MakeIdGetter(() => _slot);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _input.Dispose();
                if (_model is not null) _parent.Pool.Return(_model);
                _model = null;
            }
            base.Dispose(disposing);
        }
    }
}
