// A data view that wraps another and records how it is read (cursors opened, rows moved over), to
// prove that learning a vocabulary streams the input exactly once and that a given tokenizer reads
// no data. With reuseTextBuffers, its text getters hand out memory over ONE char array per cursor,
// overwritten on every row — what a cursor is allowed to do — to prove that the estimator copies
// such text before the learner holds on to it across rows.
using MlNetAttention.Data;

namespace MlNetAttention.Transforms.Tests.Text.Support;

internal sealed class ObservedDataView(IDataView inner, bool reuseTextBuffers = false) : IDataView
{
    private readonly bool _reuseTextBuffers = reuseTextBuffers;
    private int _cursors;
    private long _rows;

    /// <summary>Cursors opened so far.</summary>
    public int CursorsOpened => _cursors;

    /// <summary>Successful MoveNext calls over all cursors.</summary>
    public long RowsRead => Interlocked.Read(ref _rows);

    public bool CanShuffle => inner.CanShuffle;

    public DataViewSchema Schema => inner.Schema;

    public long? GetRowCount() => inner.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        Interlocked.Increment(ref _cursors);
        return new Cursor(this, inner.GetRowCursor(columnsNeeded, rand));
    }

    private sealed class Cursor(ObservedDataView owner, DataViewRowCursor source) : DataViewRowCursor
    {
        public override DataViewSchema Schema => source.Schema;

        public override long Position => source.Position;

        public override bool IsColumnActive(DataViewSchema.Column column) => source.IsColumnActive(column);

        public override ValueGetter<DataViewRowId> GetIdGetter() => source.GetIdGetter();

        public override bool MoveNext()
        {
            if (!source.MoveNext()) return false;
            Interlocked.Increment(ref owner._rows);
            return true;
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var getter = source.GetGetter<TValue>(column);
            if (!owner._reuseTextBuffers || typeof(TValue) != typeof(ReadOnlyMemory<char>)) return getter;
            var textGetter = (ValueGetter<ReadOnlyMemory<char>>)(object)getter;
            char[] shared = new char[16];
            ValueGetter<ReadOnlyMemory<char>> reusing = (ref ReadOnlyMemory<char> value) =>
            {
                ReadOnlyMemory<char> text = default;
                textGetter(ref text);
                if (shared.Length < text.Length) shared = new char[text.Length * 2];
                shared.AsSpan().Fill('#'); // leftovers of a longer earlier row must not survive either
                text.Span.CopyTo(shared);
                value = shared.AsMemory(0, text.Length);
            };
            return (ValueGetter<TValue>)(object)reusing;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) source.Dispose();
            base.Dispose(disposing);
        }
    }
}
