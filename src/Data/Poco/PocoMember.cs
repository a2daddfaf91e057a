// Maps the public fields and properties of a user's data class to columns, as ML.NET does for
// LoadFromTextFile<T>, LoadFromEnumerable<T>, CreateEnumerable<T> and PredictionEngine<TSrc,TDst>.
// Supported member types: string and ReadOnlyMemory<char> (text), float, double, int, long, uint
// (a key with [KeyType]), bool, arrays of these and VBuffer<T> (vectors; [VectorType(n)] fixes
// the size). [ColumnName] renames, [NoColumn] skips. Members come base class first, fields before
// properties, each in declaration order.
using System.Reflection;

namespace MlNetAttention.Data;

/// <summary>One mapped member of a data class.</summary>
internal sealed class PocoMember
{
    private readonly FieldInfo? _field;
    private readonly PropertyInfo? _property;

    public MemberInfo Member { get; }
    public Type MemberType { get; }
    public string ColumnName { get; }
    public LoadColumnAttribute? LoadColumn { get; }
    public KeyTypeAttribute? KeyType { get; }
    public VectorTypeAttribute? VectorType { get; }

    /// <summary>The item type (for vectors: of the elements) and whether the member is a vector.</summary>
    public PrimitiveDataViewType ItemType { get; }
    public bool IsVector { get; }

    private PocoMember(MemberInfo member, Type memberType, Type owner)
    {
        Member = member;
        MemberType = memberType;
        _field = member as FieldInfo;
        _property = member as PropertyInfo;
        ColumnName = member.GetCustomAttribute<ColumnNameAttribute>()?.Name ?? member.Name;
        LoadColumn = member.GetCustomAttribute<LoadColumnAttribute>();
        KeyType = member.GetCustomAttribute<KeyTypeAttribute>();
        VectorType = member.GetCustomAttribute<VectorTypeAttribute>();
        (ItemType, IsVector) = Classify(memberType, KeyType)
            ?? throw new ArgumentException(
                $"Member '{member.Name}' of {owner.Name} has type {TypeNames.Friendly(memberType)}, which cannot be a column " +
                "(use string, float, double, int, long, uint, bool, an array of these, or VBuffer<T>; or mark it [NoColumn]).");
        if (KeyType is not null && ItemType is not KeyDataViewType)
            throw new ArgumentException($"Member '{member.Name}' of {owner.Name} has [KeyType] but is not a uint (or uint[]).");
        if (VectorType is not null && !IsVector)
            throw new ArgumentException($"Member '{member.Name}' of {owner.Name} has [VectorType] but is not an array or VBuffer.");
    }

    /// <summary>The column type for this member; <paramref name="loadedFields"/> is the number of text
    /// fields it is loaded from (TextLoader), which fixes a vector's size.</summary>
    public DataViewType GetColumnType(int? loadedFields = null)
    {
        if (!IsVector)
        {
            if (loadedFields is > 1)
                throw new ArgumentException($"Member '{Member.Name}' is a scalar but [LoadColumn] names {loadedFields} fields; make it an array.");
            return ItemType;
        }
        int size = VectorType is null || VectorType.Dimensions.Count == 0
            ? 0
            : VectorType.Dimensions.Aggregate(1, (a, b) => a * b);
        if (loadedFields is { } count)
        {
            if (size != 0 && size != count)
                throw new ArgumentException(
                    $"Member '{Member.Name}' has [VectorType] size {size} but [LoadColumn] names {count} fields.");
            size = count;
        }
        return size == 0 ? new VectorDataViewType(ItemType) : new VectorDataViewType(ItemType, size);
    }

    public object? GetValue(object owner) => _field is not null ? _field.GetValue(owner) : _property!.GetValue(owner);

    public void SetValue(object owner, object? value)
    {
        if (_field is not null) _field.SetValue(owner, value);
        else _property!.SetValue(owner, value);
    }

    /// <summary>The mapped members of <paramref name="type"/> (not marked [NoColumn]).</summary>
    public static IReadOnlyList<PocoMember> Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var members = new List<PocoMember>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var level in Hierarchy(type))
        {
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly;
            var declared = level.GetFields(flags).OrderBy(f => f.MetadataToken).Cast<MemberInfo>()
                .Concat(level.GetProperties(flags).Where(p => p.GetIndexParameters().Length == 0).OrderBy(p => p.MetadataToken));
            foreach (var member in declared)
            {
                if (member.GetCustomAttribute<NoColumnAttribute>() is not null) continue;
                if (member is FieldInfo { IsLiteral: true } or FieldInfo { IsInitOnly: true }) continue;
                if (member is PropertyInfo property && (property.GetMethod is not { IsPublic: true } || property.SetMethod is not { IsPublic: true }))
                    continue; // ML.NET maps read-write properties only
                var mapped = new PocoMember(member, member is FieldInfo f ? f.FieldType : ((PropertyInfo)member).PropertyType, type);
                if (!names.Add(mapped.ColumnName))
                    throw new ArgumentException($"Two members of {type.Name} map to the column name '{mapped.ColumnName}'.");
                members.Add(mapped);
            }
        }
        return members;
    }

    private static IEnumerable<Type> Hierarchy(Type type)
    {
        var chain = new Stack<Type>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType) chain.Push(t);
        return chain;
    }

    private static (PrimitiveDataViewType Item, bool IsVector)? Classify(Type memberType, KeyTypeAttribute? key)
    {
        if (memberType.IsArray && memberType.GetArrayRank() == 1)
            return ScalarType(memberType.GetElementType()!, key) is { } element ? (element, true) : null;
        if (memberType.IsGenericType && memberType.GetGenericTypeDefinition() == typeof(VBuffer<>))
        {
            var element = memberType.GetGenericArguments()[0];
            return element == typeof(string) ? null : ScalarType(element, key) is { } item ? (item, true) : null;
        }
        return ScalarType(memberType, key) is { } scalar ? (scalar, false) : null;
    }

    private static PrimitiveDataViewType? ScalarType(Type type, KeyTypeAttribute? key)
    {
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>)) return TextDataViewType.Instance;
        if (type == typeof(bool)) return BooleanDataViewType.Instance;
        if (type == typeof(uint) && key is not null) return new KeyDataViewType(typeof(uint), key.Count);
        return NumberDataViewType.FromRawType(type);
    }

    public override string ToString() => $"{Member.DeclaringType?.Name}.{Member.Name}";
}
