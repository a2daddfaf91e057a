// Converts between a data-class member's value and its column's raw value: string <-> text
// (ReadOnlyMemory<char>), T[] <-> VBuffer<T>, string[] <-> VBuffer<text>, and numbers, bools and
// keys as they are. Values handed to a data view are fresh copies (a later edit of the object or of
// a reused buffer cannot change what was read), and fixed vector sizes and key ranges are checked,
// naming the member, so a bad object fails clearly instead of producing a wrong row.
using System.Runtime.InteropServices;

namespace MlNetAttention.Data;

internal static class PocoConverters
{
    /// <summary>A ValueGetter of the column's raw type reading <paramref name="member"/> of the object
    /// returned by <paramref name="current"/>.</summary>
    public static Delegate MakeGetter(PocoMember member, DataViewType columnType, Func<object> current)
    {
        var toRaw = ToRaw(member, columnType);
        return (Delegate)GenericMethods.InvokeStatic(typeof(PocoConverters), nameof(MakeGetterCore), [columnType.RawType],
            member, toRaw, current)!;
    }

    private static ValueGetter<TRaw> MakeGetterCore<TRaw>(PocoMember member, Func<object?, object> toRaw, Func<object> current) =>
        (ref TRaw value) => value = (TRaw)toRaw(member.GetValue(current()));

    /// <summary>Reads <paramref name="column"/> of <paramref name="row"/> and stores it (converted) in the
    /// member of the object passed to the returned action.</summary>
    public static Action<object> MakeSetter(PocoMember member, DataViewRow row, DataViewSchema.Column column)
    {
        var read = (Func<object>)GenericMethods.InvokeStatic(typeof(PocoConverters), nameof(MakeReader), [column.Type.RawType],
            row, column)!;
        var fromRaw = FromRaw(member.MemberType, column.Type);
        return owner => member.SetValue(owner, fromRaw(read()));
    }

    internal static Func<object> MakeReader<TRaw>(DataViewRow row, DataViewSchema.Column column)
    {
        var getter = row.GetGetter<TRaw>(column);
        TRaw value = default!;
        return () =>
        {
            getter(ref value);
            return value!;
        };
    }

    /// <summary>True when a member of <paramref name="memberType"/> can receive values of <paramref name="columnType"/>.</summary>
    public static bool CanReceive(Type memberType, DataViewType columnType)
    {
        if (columnType is VectorDataViewType vector)
        {
            var itemRaw = vector.ItemType.RawType;
            if (memberType.IsArray && memberType.GetArrayRank() == 1)
            {
                var element = memberType.GetElementType()!;
                return element == itemRaw || (element == typeof(string) && vector.ItemType is TextDataViewType);
            }
            return memberType == columnType.RawType;
        }
        return memberType == columnType.RawType || (memberType == typeof(string) && columnType is TextDataViewType);
    }

    private static Func<object?, object> ToRaw(PocoMember member, DataViewType columnType)
    {
        string name = member.ToString();
        if (columnType is VectorDataViewType vector)
        {
            int size = vector.Size;
            if (vector.ItemType is TextDataViewType && member.MemberType == typeof(string[]))
                return value => TextArrayToVector((string?[]?)value, size, name);
            var convert = GenericMethods.CreateDelegate<Func<object?, int, ulong?, string, object>>(
                typeof(PocoConverters), nameof(VectorToRaw), vector.ItemType.RawType);
            var keyCount = (vector.ItemType as KeyDataViewType)?.Count;
            return value => convert(value, size, keyCount, name);
        }
        if (columnType is TextDataViewType)
            return member.MemberType == typeof(string) ? value => ((string?)value ?? "").AsMemory() : value => value!;
        if (columnType is KeyDataViewType key)
            return value => CheckKey((uint)value!, key.Count, name);
        return value => value!;
    }

    private static VBuffer<ReadOnlyMemory<char>> TextArrayToVector(string?[]? values, int size, string member)
    {
        values ??= [];
        CheckSize(values.Length, size, member);
        return new VBuffer<ReadOnlyMemory<char>>(values.Length, values.Select(v => (v ?? "").AsMemory()).ToArray());
    }

    private static object VectorToRaw<T>(object? value, int size, ulong? keyCount, string member)
    {
        T[] copy;
        if (value is VBuffer<T> buffer)
        {
            CheckSize(buffer.Length, size, member);
            copy = new T[buffer.Length];
            buffer.CopyTo(copy);
        }
        else copy = value is T[] array ? (T[])array.Clone() : [];
        if (value is not VBuffer<T>) CheckSize(copy.Length, size, member);
        if (keyCount is { } count)
        {
            foreach (var item in copy) CheckKey((uint)(object)item!, count, member);
        }
        return new VBuffer<T>(copy.Length, copy);
    }

    private static void CheckSize(int length, int size, string member)
    {
        if (size > 0 && length != size)
            throw new InvalidOperationException(
                $"Member '{member}' holds {length} items, but its column is a vector of fixed size {size}.");
    }

    private static object CheckKey(uint value, ulong count, string member) =>
        value <= count ? value
            : throw new InvalidOperationException(
                $"Member '{member}' holds key {value}, outside 0..{count} (0 = missing, 1..{count} = valid keys).");

    internal static Func<object, object?> FromRaw(Type memberType, DataViewType columnType)
    {
        if (columnType is VectorDataViewType vector)
        {
            if (memberType == typeof(string[]))
                return raw => ((VBuffer<ReadOnlyMemory<char>>)raw).DenseValues().Select(v => v.ToString()).ToArray();
            return GenericMethods.CreateDelegate<Func<object, object?>>(typeof(PocoConverters),
                memberType.IsArray ? nameof(BoxedVectorToArray) : nameof(BoxedVectorCopy), vector.ItemType.RawType);
        }
        if (columnType is TextDataViewType)
        {
            return memberType == typeof(string)
                ? raw => ((ReadOnlyMemory<char>)raw).ToString()
                : raw => StableText((ReadOnlyMemory<char>)raw);
        }
        return raw => raw;
    }

    private static T[] VectorToArray<T>(VBuffer<T> buffer)
    {
        var array = new T[buffer.Length];
        buffer.CopyTo(array);
        if (typeof(T) == typeof(ReadOnlyMemory<char>))
        {
            var texts = (ReadOnlyMemory<char>[])(object)array;
            for (int i = 0; i < texts.Length; i++) texts[i] = StableText(texts[i]);
        }
        return array;
    }

    private static object? BoxedVectorToArray<T>(object raw) => VectorToArray((VBuffer<T>)raw);

    private static object? BoxedVectorCopy<T>(object raw)
    {
        var buffer = (VBuffer<T>)raw;
        return new VBuffer<T>(buffer.Length, VectorToArray(buffer));
    }

    /// <summary>Text that no later write can change: memory backed by a string (immutable) is kept,
    /// memory over an array is copied.</summary>
    public static ReadOnlyMemory<char> StableText(ReadOnlyMemory<char> text) =>
        text.IsEmpty || MemoryMarshal.TryGetString(text, out _, out _, out _) ? text : text.ToString().AsMemory();
}
