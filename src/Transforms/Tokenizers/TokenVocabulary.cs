// The id <-> token table of a tokenizer and BERT's vocab.txt format: one token per line, UTF-8,
// id = zero-based line number, so a vocabulary from a BERT checkpoint loads with the same ids.
// Reading strips a trailing "\r" (CRLF files) and a UTF-8 byte-order mark; a final line break does not
// make an extra empty token. If a token is listed twice, both lines keep their ids and the token maps
// to its first id (BERT's published vocabularies have no duplicates).
// Lookups by span go through Dictionary's alternate lookup, so encoding never allocates a string.
using System.Text;

namespace MlNetAttention.Tokenizers;

/// <summary>Immutable token table with span lookups and vocab.txt reading and writing.</summary>
internal sealed class TokenVocabulary
{
    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _ids;
    private readonly IReadOnlyList<string> _readOnlyTokens;
    private readonly IReadOnlyDictionary<string, int> _readOnlyIds;

    public TokenVocabulary(IEnumerable<string> tokensInIdOrder)
    {
        _tokens = tokensInIdOrder.ToArray();
        _ids = new Dictionary<string, int>(_tokens.Length, StringComparer.Ordinal);
        for (int id = 0; id < _tokens.Length; id++)
        {
            if (_tokens[id] is null)
                throw new ArgumentException($"Vocabulary entry {id} is null.", nameof(tokensInIdOrder));
            _ids.TryAdd(_tokens[id], id);
        }
        _readOnlyTokens = Array.AsReadOnly(_tokens);
        _readOnlyIds = _ids.AsReadOnly();
    }

    /// <summary>Number of ids.</summary>
    public int Count => _tokens.Length;

    /// <summary>Tokens in id order.</summary>
    public IReadOnlyList<string> Tokens => _readOnlyTokens;

    /// <summary>Token to id (first id of a duplicated token).</summary>
    public IReadOnlyDictionary<string, int> Ids => _readOnlyIds;

    public string this[int id] => _tokens[id];

    public bool TryGetId(string token, out int id) => _ids.TryGetValue(token, out id);

    /// <summary>Reads BERT's vocab.txt.</summary>
    public static TokenVocabulary ReadVocabTxt(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false),
            detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);
        var tokens = new List<string>();
        var text = reader.ReadToEnd();
        int start = 0;
        while (start < text.Length)
        {
            int newline = text.IndexOf('\n', start);
            int end = newline < 0 ? text.Length : newline;
            int trimmedEnd = end > start && text[end - 1] == '\r' ? end - 1 : end;
            tokens.Add(text[start..trimmedEnd]);
            start = end + 1;
        }
        if (tokens.Count == 0)
            throw new InvalidDataException("The vocabulary file is empty; expected one token per line.");
        return new TokenVocabulary(tokens);
    }

    /// <summary>Writes BERT's vocab.txt (UTF-8 without byte-order mark, "\n" line ends).</summary>
    public void WriteVocabTxt(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true);
        writer.NewLine = "\n";
        for (int id = 0; id < _tokens.Length; id++)
        {
            if (_tokens[id].AsSpan().IndexOfAny('\n', '\r') >= 0)
                throw new InvalidOperationException($"Token {id} contains a line break and cannot be written to vocab.txt.");
            writer.Write(_tokens[id]);
            writer.Write('\n');
        }
    }
}
