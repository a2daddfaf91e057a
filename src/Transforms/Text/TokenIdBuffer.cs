// The per-cursor scratch of the TokenizeIntoWordPieces transform: encodes one text into a reusable,
// growing id buffer, so a getter called row after row allocates only while the buffer grows to the
// longest row seen. It drives the tokenizer's sink-based encoder directly (same assembly) rather than
// the public span overload, because without a token limit the number of ids is not known before
// encoding (normalisation can even yield more pieces than the text has characters, e.g. "İ"
// lower-cases to two code units), and with a limit the encoder stops as soon as the sink is full,
// so truncating a long review to N tokens costs O(N), not O(review).
// Constraints: not thread-safe (one per cursor getter); the returned span is valid until the next
// call. Empty text is ML.NET's missing text value and encodes to no ids, even with special tokens.
using System.Runtime.CompilerServices;
using MlNetAttention.Tokenizers;

namespace MlNetAttention.Transforms.Text;

/// <summary>Encodes texts into one reusable id buffer.</summary>
internal sealed class TokenIdBuffer
{
    private const int InitialCapacity = 64;

    private readonly Tokenizer _tokenizer;
    private readonly int _maximumTokens;
    private readonly bool _addSpecialTokens;
    private int[] _ids = new int[InitialCapacity];

    /// <param name="tokenizer">The tokenizer (immutable, so shared by every cursor).</param>
    /// <param name="maximumTokens">Most ids per text, special tokens included; 0 for no limit.</param>
    /// <param name="addSpecialTokens">Surround the ids with [CLS] ... [SEP].</param>
    public TokenIdBuffer(Tokenizer tokenizer, int maximumTokens, bool addSpecialTokens)
    {
        System.Diagnostics.Debug.Assert(maximumTokens == 0 || maximumTokens >= (addSpecialTokens ? 2 : 1));
        _tokenizer = tokenizer;
        _maximumTokens = maximumTokens;
        _addSpecialTokens = addSpecialTokens;
    }

    /// <summary>The tokenizer's ids of <paramref name="text"/>, cut to the maximum (valid until the next call).</summary>
    public ReadOnlySpan<int> Encode(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return [];
        int reserved = _addSpecialTokens ? 1 : 0;
        int budget = _maximumTokens == 0 ? int.MaxValue : _maximumTokens - 2 * reserved;
        var sink = new GrowingIdSink(_ids, reserved, budget);
        _tokenizer.EncodeCore(text, ref sink);
        _ids = sink.Buffer;
        int count = reserved + sink.Count;
        if (_addSpecialTokens)
        {
            if (count == _ids.Length) Array.Resize(ref _ids, _ids.Length * 2);
            _ids[0] = _tokenizer.ClassificationTokenId;
            _ids[count++] = _tokenizer.SeparatorTokenId;
        }
        return _ids.AsSpan(0, count);
    }

    /// <summary>Appends ids from position <c>start</c> of a buffer that doubles when full, up to a count.</summary>
    private struct GrowingIdSink(int[] buffer, int start, int maxCount) : ITokenSink
    {
        public int[] Buffer = buffer;
        public int Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryAdd(int id, int tokenStart, int tokenEnd)
        {
            if (Count >= maxCount) return false;
            int at = start + Count;
            if (at == Buffer.Length) Array.Resize(ref Buffer, Buffer.Length * 2);
            Buffer[at] = id;
            Count++;
            return true;
        }
    }
}
