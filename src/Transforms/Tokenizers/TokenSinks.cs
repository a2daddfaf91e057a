// Destinations for the encoder's tokens. The encoder is generic over the sink (a struct or ref
// struct, so calls are devirtualised and inlined) and stops as soon as a sink is full, which bounds
// the work for huge inputs when only the first N tokens are wanted.
using System.Runtime.CompilerServices;

namespace MlNetAttention.Tokenizers;

/// <summary>Receives encoded tokens; <see cref="TryAdd"/> returns false when full, which stops encoding.</summary>
internal interface ITokenSink
{
    bool TryAdd(int id, int start, int end);
}

/// <summary>Writes ids (and, when given, offsets) into caller-provided spans.</summary>
/// <remarks><paramref name="offsets"/> is empty (offsets not wanted) or at least as long as <paramref name="ids"/>.</remarks>
internal ref struct SpanTokenSink(Span<int> ids, Span<Range> offsets) : ITokenSink
{
    private readonly Span<int> _ids = ids;
    private readonly Span<Range> _offsets = offsets;
    public int Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAdd(int id, int start, int end)
    {
        if ((uint)Count >= (uint)_ids.Length) return false;
        _ids[Count] = id;
        if (!_offsets.IsEmpty) _offsets[Count] = start..end;
        Count++;
        return true;
    }
}

/// <summary>Counts tokens without storing them.</summary>
internal struct CountingTokenSink : ITokenSink
{
    public int Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAdd(int id, int start, int end)
    {
        Count++;
        return true;
    }
}

/// <summary>Appends ids to a list, up to a maximum count.</summary>
internal readonly struct IdListTokenSink(List<int> ids, int maxCount) : ITokenSink
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryAdd(int id, int start, int end)
    {
        if (ids.Count >= maxCount) return false;
        ids.Add(id);
        return true;
    }
}

/// <summary>Appends <see cref="EncodedToken"/>s to a list.</summary>
internal readonly struct EncodedTokenListSink(List<EncodedToken> tokens, TokenVocabulary vocabulary, int maxCount) : ITokenSink
{
    public bool TryAdd(int id, int start, int end)
    {
        if (tokens.Count >= maxCount) return false;
        tokens.Add(new EncodedToken(id, vocabulary[id], start..end));
        return true;
    }
}
