package dev.hearth.protocol.archive;

import java.util.zip.ZipException;

/**
 * Checks a zip's directory structure before Commons Compress's {@code ZipFile} reads it.
 * {@code ZipFile} builds objects for every central directory header, for every extra field of each
 * header and for every extra field of the local header each one points to, all before Hearth
 * counts a single entry: 48 MB of empty entries took 266 MB of heap, and 10,000 headers sharing
 * one local header with 4 KiB of extra fields took 600 MB and a minute of CPU from a 0.5 MB zip.
 *
 * <p>This check finds the end records as {@code ZipFile} does (the last end of central directory
 * signature within reach of the end, a ZIP64 locator right before it), then walks the headers
 * in place. It refuses an archive that declares more entries than the limit, whose
 * central directory is not exactly the region its end record names (so that {@code ZipFile},
 * which reads headers until the signature stops matching, reads exactly the headers walked here),
 * whose header count differs from the declared one, whose headers carry more than
 * {@value #MAX_EXTRA_FIELDS} extra fields or one field twice, or whose local headers lie outside
 * the file or together take more room than the bytes before the central directory (which happens
 * only when headers share or overlap a local header). What {@code ZipFile} then builds is bounded
 * by the entry limit and the archive's own size.
 */
final class ZipDirectoryCheck {

    /** Real writers add a handful (timestamps, unix ids, ZIP64, Unicode path, NTFS, alignment). */
    static final int MAX_EXTRA_FIELDS = 16;

    private static final long END_SIGNATURE = 0x06054b50L;
    private static final long ZIP64_LOCATOR_SIGNATURE = 0x07064b50L;
    private static final long ZIP64_END_SIGNATURE = 0x06064b50L;
    private static final long CENTRAL_HEADER_SIGNATURE = 0x02014b50L;
    private static final long LOCAL_HEADER_SIGNATURE = 0x04034b50L;
    private static final int END_LENGTH = 22;
    private static final int MAX_COMMENT_LENGTH = 0xFFFF;
    private static final int ZIP64_LOCATOR_LENGTH = 20;
    private static final int ZIP64_END_LENGTH = 56;
    private static final int CENTRAL_HEADER_LENGTH = 46;
    private static final int LOCAL_HEADER_LENGTH = 30;
    private static final int ZIP64_EXTRA_ID = 0x0001;
    private static final long ZIP64_MAGIC = 0xFFFFFFFFL;

    private final byte[] zip;

    private ZipDirectoryCheck(byte[] zip) {
        this.zip = zip;
    }

    /**
     * Refuses {@code zip} unless its directory holds at most {@code maxEntries} headers that
     * {@code ZipFile} can read without building more than they are worth.
     *
     * @throws InvalidArchiveException when more entries are declared than the limit
     * @throws ZipException when the directory structure is damaged or inconsistent
     */
    static void check(byte[] zip, int maxEntries) throws InvalidArchiveException, ZipException {
        new ZipDirectoryCheck(zip).check(maxEntries);
    }

    private void check(int maxEntries) throws InvalidArchiveException, ZipException {
        int end = findEnd();
        long declaredEntries;
        long directoryStart;
        long directoryEnd;
        if (end > ZIP64_LOCATOR_LENGTH && u32(end - ZIP64_LOCATOR_LENGTH) == ZIP64_LOCATOR_SIGNATURE) {
            long zip64End = u64(end - ZIP64_LOCATOR_LENGTH + 8);
            if (zip64End < 0
                    || zip64End > end - ZIP64_LOCATOR_LENGTH - ZIP64_END_LENGTH
                    || u32((int) zip64End) != ZIP64_END_SIGNATURE) {
                throw new ZipException("the ZIP64 end record is not where its locator says");
            }
            declaredEntries = u64((int) zip64End + 32);
            long directorySize = u64((int) zip64End + 40);
            directoryStart = u64((int) zip64End + 48);
            directoryEnd = zip64End;
            requireDirectoryEndsAt(directoryStart, directorySize, directoryEnd);
        } else {
            declaredEntries = u16(end + 10);
            long directorySize = u32(end + 12);
            directoryStart = u32(end + 16);
            directoryEnd = end;
            requireDirectoryEndsAt(directoryStart, directorySize, directoryEnd);
        }
        if (declaredEntries < 0) {
            throw new ZipException("the end record declares a negative number of entries");
        }
        if (declaredEntries > maxEntries) {
            throw new InvalidArchiveException(
                    "archive declares " + declaredEntries + " entries, over the limit of " + maxEntries);
        }
        walkDirectory((int) directoryStart, (int) directoryEnd, declaredEntries);
    }

    /** The last end record signature within a comment's length of the end, as ZipFile finds it. */
    private int findEnd() throws ZipException {
        int stop = Math.max(0, zip.length - END_LENGTH - MAX_COMMENT_LENGTH);
        for (int at = zip.length - END_LENGTH; at >= stop; at--) {
            if (u32(at) == END_SIGNATURE) {
                return at;
            }
        }
        throw new ZipException("no end of central directory record");
    }

    private static void requireDirectoryEndsAt(long start, long size, long end) throws ZipException {
        // start and size come from the file and may be negative (ZIP64) or point anywhere.
        if (start < 0 || size < 0 || start > end || size != end - start) {
            throw new ZipException("the central directory's offset (" + Long.toUnsignedString(start) + ") and size ("
                    + Long.toUnsignedString(size) + ") do not end where its end record begins (" + end + ")");
        }
    }

    private void walkDirectory(int start, int end, long declaredEntries) throws ZipException {
        long headers = 0;
        long localHeaderBytes = 0;
        int at = start;
        while (at < end) {
            if (++headers > declaredEntries) {
                throw new ZipException("the central directory holds more entries than the " + declaredEntries
                        + " its end record declares");
            }
            if (end - at < CENTRAL_HEADER_LENGTH || u32(at) != CENTRAL_HEADER_SIGNATURE) {
                throw new ZipException("central directory header " + headers + " is damaged");
            }
            int nameLength = u16(at + 28);
            int extraLength = u16(at + 30);
            int commentLength = u16(at + 32);
            int extraStart = at + CENTRAL_HEADER_LENGTH + nameLength;
            long next = (long) extraStart + extraLength + commentLength;
            if (next > end) {
                throw new ZipException("central directory header " + headers + " runs past the directory");
            }
            int zip64Field = checkExtraFields(extraStart, extraLength, headers);
            localHeaderBytes += checkLocalHeader(localHeaderOffset(at, zip64Field, headers), start, headers);
            at = (int) next;
        }
        if (headers != declaredEntries) {
            throw new ZipException(
                    "the central directory holds " + headers + " entries, its end record declares " + declaredEntries);
        }
        if (localHeaderBytes > start) {
            throw new ZipException("local headers overlap: entries share them");
        }
    }

    /**
     * Walks extra fields as Commons Compress splits them and returns the offset of the ZIP64 field's
     * data, or -1 when there is none.
     */
    private int checkExtraFields(int start, int length, long header) throws ZipException {
        int[] ids = new int[MAX_EXTRA_FIELDS];
        int fields = 0;
        int zip64Field = -1;
        for (int at = start; at + 4 <= start + length; at += 4 + u16(at + 2)) {
            int id = u16(at);
            if (fields == MAX_EXTRA_FIELDS) {
                throw new ZipException("header " + header + " has more than " + MAX_EXTRA_FIELDS + " extra fields");
            }
            for (int i = 0; i < fields; i++) {
                if (ids[i] == id) {
                    throw new ZipException("header " + header + " has extra field " + id + " twice");
                }
            }
            ids[fields++] = id;
            if (id == ZIP64_EXTRA_ID && at + 4 + u16(at + 2) <= start + length) {
                zip64Field = at + 4;
            }
        }
        return zip64Field;
    }

    /** The offset ZipFile uses: the header's, or the ZIP64 field's when the header's is the marker. */
    private long localHeaderOffset(int header, int zip64Field, long headerNumber) throws ZipException {
        long offset = u32(header + 42);
        if (offset != ZIP64_MAGIC) {
            return offset;
        }
        int at = zip64Field
                + (u32(header + 24) == ZIP64_MAGIC ? 8 : 0) // uncompressed size
                + (u32(header + 20) == ZIP64_MAGIC ? 8 : 0); // compressed size
        if (zip64Field < 0 || at + 8 > zip64Field + u16(zip64Field - 2)) {
            throw new ZipException("header " + headerNumber + " has no ZIP64 local header offset");
        }
        return u64(at);
    }

    /** Checks the local header at {@code offset} and returns how many bytes it takes. */
    private int checkLocalHeader(long offset, int directoryStart, long header) throws ZipException {
        if (offset < 0
                || offset > directoryStart - LOCAL_HEADER_LENGTH
                || u32((int) offset) != LOCAL_HEADER_SIGNATURE) {
            throw new ZipException("header " + header + " points to no local header");
        }
        int at = (int) offset;
        int nameLength = u16(at + 26);
        int extraLength = u16(at + 28);
        int length = LOCAL_HEADER_LENGTH + nameLength + extraLength;
        if ((long) at + length > directoryStart) {
            throw new ZipException("the local header of entry " + header + " runs into the central directory");
        }
        checkExtraFields(at + LOCAL_HEADER_LENGTH + nameLength, extraLength, header);
        return length;
    }

    private int u16(int at) {
        return (zip[at] & 0xff) | (zip[at + 1] & 0xff) << 8;
    }

    private long u32(int at) {
        return u16(at) | (long) u16(at + 2) << 16;
    }

    /** May be negative: a value over {@link Long#MAX_VALUE}, which callers refuse. */
    private long u64(int at) {
        return u32(at) | u32(at + 4) << 32;
    }
}
