// The lazy output of a RowToRowTransformerBase: the input's columns followed by the mapper's added
// columns. A cursor wraps one input cursor (same rows, same order, same ids), activating only the
// input columns needed for the requested columns, and builds added getters over it.
using MlNetAttention.Data;

namespace MlNetAttention;

/// <summary>Input columns plus columns computed by a <see cref="RowMapper"/>.</summary>
internal sealed class RowMappedDataView : IDataView
{
    private readonly IDataView _input;
    private readonly RowMapper _mapper;

    public RowMappedDataView(IDataView input, RowMapper mapper)
    {
        _input = input;
        _mapper = mapper;
        Schema = MakeOutputSchema(mapper);
    }

    public static DataViewSchema MakeOutputSchema(RowMapper mapper)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(mapper.InputSchema.AsEnumerable());
        builder.AddColumns(mapper.OutputColumns);
        return builder.ToSchema();
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => _input.CanShuffle;

    public long? GetRowCount() => _input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var active = RowCursorBase.ActiveFlags(Schema, columnsNeeded);
        int inputCount = _mapper.InputSchema.Count;
        var inputNeeded = new HashSet<int>();
        for (int i = 0; i < active.Length; i++)
        {
            if (!active[i]) continue;
            if (i < inputCount) inputNeeded.Add(i);
            else foreach (var dependency in _mapper.GetDependencies(i - inputCount)) inputNeeded.Add(dependency.Index);
        }
        var inputCursor = _input.GetRowCursor(inputNeeded.Select(i => _input.Schema[i]), rand);
        return new Cursor(this, inputCursor, Schema.Where(c => active[c.Index]));
    }

    private sealed class Cursor(RowMappedDataView parent, DataViewRowCursor input, IEnumerable<DataViewSchema.Column> active)
        : RowCursorBase(parent.Schema, active)
    {
        protected override bool MoveNextCore() => input.MoveNext();

        protected override Delegate MakeGetter(int columnIndex)
        {
            int inputCount = parent._mapper.InputSchema.Count;
            if (columnIndex < inputCount)
                return GenericMethods.GetGetter(input, input.Schema[columnIndex]);
            var getter = parent._mapper.MakeGetter(input, columnIndex - inputCount);
            var expected = typeof(ValueGetter<>).MakeGenericType(Schema[columnIndex].Type.RawType);
            if (getter?.GetType() != expected)
                throw new InvalidOperationException(
                    $"{parent._mapper.GetType().Name} made a {getter?.GetType().Name ?? "null"} getter for column " +
                    $"'{Schema[columnIndex].Name}', which needs a ValueGetter of {TypeNames.Friendly(Schema[columnIndex].Type.RawType)}.");
            return getter;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        protected override void Dispose(bool disposing)
        {
            if (disposing) input.Dispose();
            base.Dispose(disposing);
        }
    }
}
