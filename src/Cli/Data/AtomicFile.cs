// Writes an output file so that it either appears complete or not at all: the content goes to a
// temporary file beside the target (same folder, so the final rename is atomic on one file system),
// which replaces the target only after the writer returned and the run was not cancelled. A failure
// or a cancellation deletes the temporary file; an existing target is left as it was.
namespace MlNetAttention.Cli.Data;

internal static class AtomicFile
{
    /// <summary>Runs <paramref name="write"/> on a temporary file, then moves it onto <paramref name="path"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled before the move.</exception>
    public static void Write(string path, Action<Stream> write, CancellationToken cancellation)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            cancellation.ThrowIfCancellationRequested();
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>Checks, before any long work, that <paramref name="path"/> can be written: the folder can be
    /// created and a file created in it. Nothing is left behind.</summary>
    /// <exception cref="CliException">The path is a folder, or the folder cannot be created or written.</exception>
    public static void CheckWritable(string path, string flag)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw CliException.Usage($"{flag} '{path}' is a folder; give a file name.");
        string directory = Path.GetDirectoryName(full)!;
        string probe = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.probe");
        try
        {
            Directory.CreateDirectory(directory);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Failure($"{flag}: cannot write '{path}' ({e.Message}).");
        }
        finally
        {
            if (File.Exists(probe)) File.Delete(probe);
        }
    }
}
