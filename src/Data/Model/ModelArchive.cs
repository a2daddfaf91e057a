// The model .zip opened for reading, with every access that touches the file guarded. System.IO.
// Compression reports some damage only lazily: a broken central directory when the entry list is
// first used (GetEntry), a broken local header when an entry is opened or first read, a broken
// deflate stream in the middle of a read. Each of those InvalidDataExceptions and IOExceptions is
// turned here into an InvalidDataException naming the model file (and the entry), whichever stage
// is reading, so a damaged file never surfaces as a bare "unsupported compression method" deep inside
// a stage. ModelFile reads the manifest and ModelLoadContext the stages' entries only through this.
using System.IO.Compression;

namespace MlNetAttention.Data;

/// <summary>A model file's zip archive, opened for reading, whose failures name the file and entry.</summary>
internal sealed class ModelArchive : IDisposable
{
    private readonly ZipArchive _zip;

    private ModelArchive(ZipArchive zip, string source)
    {
        _zip = zip;
        Source = source;
    }

    /// <summary>The model file's name for messages ("&lt;stream&gt;" when loaded from a stream).</summary>
    public string Source { get; }

    /// <summary>Opens <paramref name="stream"/> (left open) as a zip archive.</summary>
    /// <exception cref="InvalidDataException">The stream is not a readable zip archive.</exception>
    public static ModelArchive Open(Stream stream, string source)
    {
        try
        {
            return new ModelArchive(new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true), source);
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw new InvalidDataException($"Model file '{source}' is not a zip archive ({e.Message}).", e);
        }
    }

    /// <summary>True when the archive holds the entry <paramref name="name"/> (a full path in the zip).</summary>
    /// <exception cref="InvalidDataException">The zip directory is damaged.</exception>
    public bool Contains(string name) => Find(name) is not null;

    /// <summary>Opens the entry <paramref name="name"/>, or returns null when there is none. Reads from the
    /// returned stream also fail with an InvalidDataException naming the file and the entry.</summary>
    /// <exception cref="InvalidDataException">The zip directory or the entry's header is damaged.</exception>
    public Stream? TryOpen(string name)
    {
        var entry = Find(name);
        if (entry is null) return null;
        try
        {
            return new GuardedEntryStream(entry.Open(), Source, name);
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw Corrupted(Source, name, e);
        }
    }

    public void Dispose() => _zip.Dispose();

    private ZipArchiveEntry? Find(string name)
    {
        try
        {
            return _zip.GetEntry(name);
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw new InvalidDataException($"Model file '{Source}': the zip directory is corrupted ({e.Message}).", e);
        }
    }

    // What System.IO.Compression throws for a damaged archive, at open or on any later access.
    private static bool IsDamage(Exception e) => e is InvalidDataException or IOException;

    private static InvalidDataException Corrupted(string source, string name, Exception inner) =>
        new($"Model file '{source}': entry '{name}' is corrupted or unreadable ({inner.Message}).", inner);

    /// <summary>A read-only view of an entry stream whose read failures name the model file and the entry.</summary>
    private sealed class GuardedEntryStream(Stream inner, string source, string name) : Stream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;

        public override long Length
        {
            get
            {
                try { return inner.Length; }
                catch (Exception e) when (IsDamage(e)) { throw Corrupted(source, name, e); }
            }
        }

        public override long Position
        {
            get
            {
                try { return inner.Position; }
                catch (Exception e) when (IsDamage(e)) { throw Corrupted(source, name, e); }
            }
            set => Seek(value, SeekOrigin.Begin);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            try { return inner.Read(buffer); }
            catch (Exception e) when (IsDamage(e)) { throw Corrupted(source, name, e); }
        }

        public override int ReadByte()
        {
            try { return inner.ReadByte(); }
            catch (Exception e) when (IsDamage(e)) { throw Corrupted(source, name, e); }
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            try { return inner.Seek(offset, origin); }
            catch (Exception e) when (IsDamage(e)) { throw Corrupted(source, name, e); }
        }

        public override void Flush() { }

        public override void SetLength(long value) => throw new NotSupportedException("A model entry is read-only.");

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A model entry is read-only.");

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
