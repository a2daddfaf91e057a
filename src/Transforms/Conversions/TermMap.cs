// The dictionary behind MapValueToKey: the distinct values ("terms") of one column, in key order
// (key k = Terms[k - 1]). Built in two phases: Add values while scanning the data (stopping at the
// maximum number of keys, first come first kept, as ML.NET), then Freeze, which sorts for
// KeyOrdinality.ByValue and builds the lookup. Missing values are never terms and map to key 0:
// empty text (as in ML.NET), NaN for Single/Double. Text lookups use the span directly (no string
// per row) through the dictionary's alternate lookup.
using System.Globalization;
using MlNetAttention.Data;

namespace MlNetAttention.Transforms;

/// <summary>Terms of one column and their keys; typed subclasses per item type.</summary>
internal abstract class TermMap
{
    /// <summary>The item type of the source column (the type of the terms).</summary>
    public abstract PrimitiveDataViewType ItemType { get; }

    /// <summary>The number of terms, i.e. the key count.</summary>
    public abstract int Count { get; }

    /// <summary>An action that adds the current value(s) of <paramref name="column"/> of <paramref name="row"/>.</summary>
    public abstract Action MakeCollector(DataViewRow row, DataViewSchema.Column column);

    /// <summary>Ends collection: sorts the terms when <paramref name="byValue"/>, and builds the lookup.</summary>
    public abstract void Freeze(bool byValue);

    /// <summary>A getter of keys (uint, or VBuffer&lt;uint&gt; for a vector column) over <paramref name="column"/>.</summary>
    public abstract Delegate MakeKeyGetter(DataViewRow row, DataViewSchema.Column column);

    /// <summary>Adds the KeyValues annotation: the terms, or their text form when <paramref name="asText"/>.</summary>
    public abstract void AddKeyValues(DataViewSchema.Annotations.Builder builder, bool asText);

    /// <summary>Writes the terms (binary format: int32 count, then each term as described by the subclass).</summary>
    public abstract void WriteTerms(BinaryWriter writer);

    /// <summary>A map for terms of <paramref name="itemType"/> that keeps at most <paramref name="maximumNumberOfKeys"/>.</summary>
    public static TermMap Create(PrimitiveDataViewType itemType, int maximumNumberOfKeys) => itemType switch
    {
        TextDataViewType => new TextTermMap(maximumNumberOfKeys),
        BooleanDataViewType => new ValueTermMap<bool>(itemType, maximumNumberOfKeys, _ => false, (w, v) => w.Write(v), r => r.ReadBoolean()),
        _ when itemType == NumberDataViewType.Single =>
            new ValueTermMap<float>(itemType, maximumNumberOfKeys, float.IsNaN, (w, v) => w.Write(v), r => r.ReadSingle()),
        _ when itemType == NumberDataViewType.Double =>
            new ValueTermMap<double>(itemType, maximumNumberOfKeys, double.IsNaN, (w, v) => w.Write(v), r => r.ReadDouble()),
        _ when itemType == NumberDataViewType.Int32 =>
            new ValueTermMap<int>(itemType, maximumNumberOfKeys, _ => false, (w, v) => w.Write(v), r => r.ReadInt32()),
        _ when itemType == NumberDataViewType.Int64 =>
            new ValueTermMap<long>(itemType, maximumNumberOfKeys, _ => false, (w, v) => w.Write(v), r => r.ReadInt64()),
        _ when itemType == NumberDataViewType.UInt32 =>
            new ValueTermMap<uint>(itemType, maximumNumberOfKeys, _ => false, (w, v) => w.Write(v), r => r.ReadUInt32()),
        _ => throw new ArgumentException($"Values of type {itemType} cannot be mapped to keys.", nameof(itemType)),
    };

    /// <summary>True when MapValueToKey supports items of <paramref name="itemType"/>.</summary>
    public static bool Supports(DataViewType itemType) => itemType is TextDataViewType or BooleanDataViewType or NumberDataViewType;

    /// <summary>Reads terms written by <see cref="WriteTerms"/> into a frozen map (keys in stored order).</summary>
    public static TermMap Read(PrimitiveDataViewType itemType, BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count < 1 || count > int.MaxValue / 2) throw new InvalidDataException($"Invalid term count {count}.");
        var map = Create(itemType, count);
        map.ReadTermsCore(reader, count);
        map.Freeze(byValue: false);
        return map;
    }

    protected abstract void ReadTermsCore(BinaryReader reader, int count);
}

/// <summary>Shared logic of the typed maps: collection with a cap, key lookup, KeyValues.</summary>
internal abstract class TermMap<T> : TermMap
{
    private readonly int _maximum;
    protected readonly List<T> Terms = [];

    protected TermMap(int maximumNumberOfKeys) => _maximum = maximumNumberOfKeys;

    public override int Count => Terms.Count;

    protected abstract bool IsMissing(in T value);

    // Adds an unseen term and returns true, or returns false if it is known.
    protected abstract bool TryAddNew(in T value);

    protected abstract uint Lookup(in T value);

    protected abstract void SortTerms();

    protected abstract ReadOnlyMemory<char> AsText(T value);

    public override void Freeze(bool byValue)
    {
        if (byValue) SortTerms();
        BuildLookup();
    }

    protected abstract void BuildLookup();

    private void Add(in T value)
    {
        if (Terms.Count < _maximum && !IsMissing(value)) TryAddNew(value);
    }

    private uint Map(in T value) => IsMissing(value) ? 0 : Lookup(value);

    public override Action MakeCollector(DataViewRow row, DataViewSchema.Column column)
    {
        if (column.Type is VectorDataViewType)
        {
            var vectorGetter = row.GetGetter<VBuffer<T>>(column);
            VBuffer<T> vector = default;
            return () =>
            {
                vectorGetter(ref vector);
                foreach (var item in vector.DenseValues()) Add(item);
            };
        }
        var getter = row.GetGetter<T>(column);
        T value = default!;
        return () =>
        {
            getter(ref value);
            Add(value);
        };
    }

    public override Delegate MakeKeyGetter(DataViewRow row, DataViewSchema.Column column)
    {
        if (column.Type is VectorDataViewType)
        {
            var vectorGetter = row.GetGetter<VBuffer<T>>(column);
            VBuffer<T> vector = default;
            T[] scratch = [];
            return new ValueGetter<VBuffer<uint>>((ref VBuffer<uint> keys) =>
            {
                vectorGetter(ref vector);
                if (scratch.Length < vector.Length) scratch = new T[vector.Length];
                vector.CopyTo(scratch);
                var editor = VBufferEditor.Create(ref keys, vector.Length);
                for (int i = 0; i < vector.Length; i++) editor.Values[i] = Map(scratch[i]);
                keys = editor.Commit();
            });
        }
        var getter = row.GetGetter<T>(column);
        T value = default!;
        return new ValueGetter<uint>((ref uint key) =>
        {
            getter(ref value);
            key = Map(value);
        });
    }

    public override void AddKeyValues(DataViewSchema.Annotations.Builder builder, bool asText)
    {
        var terms = Terms.ToArray();
        if (asText && ItemType is not TextDataViewType)
        {
            var texts = terms.Select(AsText).ToArray();
            builder.AddKeyValues(texts.Length, TextDataViewType.Instance, (ref VBuffer<ReadOnlyMemory<char>> values) =>
                values = new VBuffer<ReadOnlyMemory<char>>(texts.Length, (ReadOnlyMemory<char>[])texts.Clone()));
            return;
        }
        builder.AddKeyValues(terms.Length, ItemType, (ref VBuffer<T> values) =>
        {
            var editor = VBufferEditor.Create(ref values, terms.Length);
            terms.CopyTo(editor.Values);
            values = editor.Commit();
        });
    }
}

/// <summary>Text terms (binary format per term: int32 length, then that many UTF-16 code units).</summary>
internal sealed class TextTermMap : TermMap<ReadOnlyMemory<char>>
{
    private readonly Dictionary<string, uint> _keys = new(StringComparer.Ordinal);
    private Dictionary<string, uint>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public TextTermMap(int maximumNumberOfKeys) : base(maximumNumberOfKeys) =>
        _bySpan = _keys.GetAlternateLookup<ReadOnlySpan<char>>();

    public override PrimitiveDataViewType ItemType => TextDataViewType.Instance;

    protected override bool IsMissing(in ReadOnlyMemory<char> value) => value.IsEmpty;

    protected override bool TryAddNew(in ReadOnlyMemory<char> value)
    {
        if (_bySpan.ContainsKey(value.Span)) return false;
        string term = value.ToString();
        Terms.Add(term.AsMemory());
        _keys[term] = (uint)Terms.Count;
        return true;
    }

    protected override uint Lookup(in ReadOnlyMemory<char> value) =>
        _bySpan.TryGetValue(value.Span, out uint key) ? key : 0;

    protected override void SortTerms() => Terms.Sort((a, b) => a.Span.SequenceCompareTo(b.Span));

    protected override void BuildLookup()
    {
        _keys.Clear();
        for (int i = 0; i < Terms.Count; i++) _keys[Terms[i].ToString()] = (uint)(i + 1);
    }

    protected override ReadOnlyMemory<char> AsText(ReadOnlyMemory<char> value) => value;

    public override void WriteTerms(BinaryWriter writer)
    {
        writer.Write(Terms.Count);
        foreach (var term in Terms)
        {
            writer.Write(term.Length);
            foreach (char c in term.Span) writer.Write((ushort)c); // UTF-16 as is: lone surrogates survive
        }
    }

    protected override void ReadTermsCore(BinaryReader reader, int count)
    {
        for (int i = 0; i < count; i++)
        {
            int length = reader.ReadInt32();
            if (length < 0) throw new InvalidDataException($"Invalid term length {length}.");
            var chars = new char[length];
            for (int j = 0; j < length; j++) chars[j] = (char)reader.ReadUInt16();
            if (!TryAddNew(new string(chars).AsMemory())) throw new InvalidDataException($"Term {i} is a duplicate.");
        }
    }
}

/// <summary>Number and Boolean terms (binary format per term: the value, little-endian).</summary>
internal sealed class ValueTermMap<T>(PrimitiveDataViewType itemType, int maximumNumberOfKeys, Func<T, bool> isMissing,
    Action<BinaryWriter, T> write, Func<BinaryReader, T> read) : TermMap<T>(maximumNumberOfKeys)
    where T : notnull, IComparable<T>
{
    private readonly Dictionary<T, uint> _keys = [];

    public override PrimitiveDataViewType ItemType => itemType;

    protected override bool IsMissing(in T value) => isMissing(value);

    protected override bool TryAddNew(in T value)
    {
        if (!_keys.TryAdd(value, (uint)(Terms.Count + 1))) return false;
        Terms.Add(value);
        return true;
    }

    protected override uint Lookup(in T value) => _keys.TryGetValue(value, out uint key) ? key : 0;

    protected override void SortTerms() => Terms.Sort((a, b) => a.CompareTo(b));

    protected override void BuildLookup()
    {
        _keys.Clear();
        for (int i = 0; i < Terms.Count; i++) _keys[Terms[i]] = (uint)(i + 1);
    }

    protected override ReadOnlyMemory<char> AsText(T value) =>
        (value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value.ToString()!).AsMemory();

    public override void WriteTerms(BinaryWriter writer)
    {
        writer.Write(Terms.Count);
        foreach (var term in Terms) write(writer, term);
    }

    protected override void ReadTermsCore(BinaryReader reader, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (!TryAddNew(read(reader))) throw new InvalidDataException($"Term {i} is a duplicate.");
        }
    }
}
