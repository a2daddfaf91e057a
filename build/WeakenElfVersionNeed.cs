// MSBuild task (compiled by RoslynCodeTaskFactory from build/TorchSharpNative.targets): marks one
// version requirement of an ELF shared object weak, so that the dynamic loader accepts a system
// library that lacks that version instead of refusing to load the object.
//
// Why: TorchSharp 0.107's native libLibTorchSharp.so was linked against GCC 13's libstdc++ and lists
// GLIBCXX_3.4.32 among the versions it needs. Debian 12 ships GCC 12's libstdc++ (up to 3.4.30), so
// loading fails. The only symbol behind 3.4.32 is std::ios_base_library_init(), which GCC 13's
// <iostream> references and no relocation uses. The ELF way to say "this version is optional" is
// VER_FLG_WEAK (0x2) in the Vernaux entry's vna_flags (System V gABI, "Symbol Versioning"); glibc's
// loader then skips a missing weak version instead of failing. patchelf --clear-symbol-version does
// not help, since the Vernaux record itself stays.
//
// Contract: parses the ELF64 little-endian headers and walks .gnu.version_r (SHT_GNU_verneed) record
// by record (Verneed → Vernaux chains, names through the linked string table); no byte search. It
// changes at most the two bytes of vna_flags of the entry (File, Version); the file is rewritten
// through a temporary file and an atomic replace, so a hard link into the NuGet cache is never written
// through. Idempotent: an entry already weak, or a file without that entry, is left untouched.
// Skipped entirely (a no-op) when SystemLibrary is given, exists and already defines the version.
#nullable enable
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public sealed class WeakenElfVersionNeed : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe, ShtGnuVerdef = 0x6ffffffd;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>The ELF files to patch (copies in an output or publish folder, never the package cache).</summary>
    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The needed library whose version is made optional, e.g. libstdc++.so.6.</summary>
    [Required] public string Library { get; set; } = "";

    /// <summary>The version made optional, e.g. GLIBCXX_3.4.32.</summary>
    [Required] public string Version { get; set; } = "";

    /// <summary>Candidate paths of the build machine's copy of Library; when one exists and defines
    /// Version, nothing is patched (the loader is satisfied as it is).</summary>
    public ITaskItem[] SystemLibraries { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        foreach (ITaskItem candidate in SystemLibraries)
        {
            string path = candidate.ItemSpec;
            if (!File.Exists(path)) continue;
            if (Defines(File.ReadAllBytes(path), Version))
            {
                Log.LogMessage(MessageImportance.Low, $"{path} defines {Version}; TorchSharp's native library needs no patch.");
                return true;
            }
            break; // the first existing candidate is the one the loader would use
        }
        foreach (ITaskItem item in Files)
        {
            string path = Path.GetFullPath(item.ItemSpec);
            if (!File.Exists(path)) continue;
            byte[] image = File.ReadAllBytes(path);
            string? error = Weaken(image, Library, Version, out int offset, out bool changed);
            if (error is not null)
            {
                Log.LogWarning($"{path}: {error}; left as it is.");
                continue;
            }
            if (!changed) continue;
            // Through a temporary file and a rename: the new inode replaces the name, so a hard link
            // elsewhere (the package cache) keeps the original bytes. The copy keeps the source's
            // time stamp, so the next incremental build sees an unchanged file, skips the copy, and
            // finds the flag already set: nothing to do, nothing logged.
            DateTime stamp = File.GetLastWriteTimeUtc(path);
            string temporary = path + ".weaken-tmp";
            File.WriteAllBytes(temporary, image);
            File.Replace(temporary, path, null);
            File.SetLastWriteTimeUtc(path, stamp);
            Log.LogMessage(MessageImportance.High,
                $"{path}: marked the {Library} version {Version} weak (VER_FLG_WEAK at file offset 0x{offset:x}), so it loads with an older libstdc++ (Debian 12).");
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>Sets VER_FLG_WEAK on the Vernaux (library, version) in <paramref name="image"/>; returns an
    /// error message when the file is not an ELF64 LE object it can read, else null.</summary>
    private static string? Weaken(byte[] image, string library, string version, out int flagsOffset, out bool changed)
    {
        flagsOffset = -1;
        changed = false;
        if (!TryFindSection(image, ShtGnuVerneed, out long section, out long size, out long strings, out string? error)) return error;
        long entry = section;
        while (true)
        {
            // Elf64_Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32
            if (entry < section || entry + 16 > section + size) return "a Verneed record lies outside .gnu.version_r";
            int count = U16(image, entry + 2);
            string file = CString(image, strings + U32(image, entry + 4));
            long aux = entry + U32(image, entry + 8);
            for (int i = 0; i < count; i++)
            {
                // Elf64_Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32
                if (aux < section || aux + 16 > section + size) return "a Vernaux record lies outside .gnu.version_r";
                if (file == library && CString(image, strings + U32(image, aux + 8)) == version)
                {
                    flagsOffset = (int)(aux + 4);
                    int flags = U16(image, aux + 4);
                    if ((flags & VerFlgWeak) != 0) return null;
                    flags |= VerFlgWeak;
                    image[aux + 4] = (byte)flags;
                    image[aux + 5] = (byte)(flags >> 8);
                    changed = true;
                    return null;
                }
                uint nextAux = U32(image, aux + 12);
                if (nextAux == 0) break;
                aux += nextAux;
            }
            uint next = U32(image, entry + 12);
            if (next == 0) return null;
            entry += next;
        }
    }

    /// <summary>Whether the library image's .gnu.version_d (SHT_GNU_verdef) defines <paramref name="version"/>.</summary>
    private static bool Defines(byte[] image, string version)
    {
        if (!TryFindSection(image, ShtGnuVerdef, out long section, out long size, out long strings, out _)) return false;
        for (long entry = section; entry + 20 <= section + size;)
        {
            // Elf64_Verdef: vd_version u16, vd_flags u16, vd_ndx u16, vd_cnt u16, vd_hash u32, vd_aux u32, vd_next u32
            long aux = entry + U32(image, entry + 12);
            if (aux + 8 <= section + size && CString(image, strings + U32(image, aux)) == version) return true;
            uint next = U32(image, entry + 16);
            if (next == 0) break;
            entry += next;
        }
        return false;
    }

    /// <summary>Finds the first section of <paramref name="type"/> and the file offset of its linked string table.</summary>
    private static bool TryFindSection(byte[] image, uint type, out long offset, out long size, out long strings, out string? error)
    {
        offset = size = strings = 0;
        error = null;
        if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
        { error = "not an ELF file"; return false; }
        if (image[4] != 2 || image[5] != 1) { error = "not a 64-bit little-endian ELF file"; return false; }
        long sectionTable = (long)U64(image, 0x28);
        int entrySize = U16(image, 0x3A), count = U16(image, 0x3C);
        if (entrySize < 64 || sectionTable <= 0 || sectionTable + (long)entrySize * count > image.Length)
        { error = "the section header table lies outside the file"; return false; }
        for (int i = 0; i < count; i++)
        {
            // Elf64_Shdr: sh_name u32, sh_type u32, sh_flags u64, sh_addr u64, sh_offset u64, sh_size u64, sh_link u32 ...
            long header = sectionTable + (long)i * entrySize;
            if (U32(image, header + 4) != type) continue;
            offset = (long)U64(image, header + 0x18);
            size = (long)U64(image, header + 0x20);
            uint link = U32(image, header + 0x28);
            if (link >= count) { error = "the version section links to no string table"; return false; }
            strings = (long)U64(image, sectionTable + (long)link * entrySize + 0x18);
            if (offset + size > image.Length || strings >= image.Length) { error = "the version section lies outside the file"; return false; }
            return true;
        }
        error = type == ShtGnuVerneed ? "the file has no .gnu.version_r section" : "the file has no .gnu.version_d section";
        return false;
    }

    private static int U16(byte[] b, long at) => b[at] | b[at + 1] << 8;
    private static uint U32(byte[] b, long at) => (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);
    private static ulong U64(byte[] b, long at) => U32(b, at) | (ulong)U32(b, at + 4) << 32;

    private static string CString(byte[] b, long at)
    {
        if (at < 0 || at >= b.Length) return "";
        long end = at;
        while (end < b.Length && b[end] != 0) end++;
        return Encoding.ASCII.GetString(b, (int)at, (int)(end - at));
    }
}
