package dev.hearth.hypervisor.host.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A container's stdout and stderr, appended by the kernel to a file on the instance's size-bound
 * tmpfs. A file rather than a pipe: what the runtime wrote before it replied is in the file when
 * the reply arrives, so an invocation's log tail is never cut short by a reader thread lagging.
 */
final class ContainerLog {

    /** Past this size the file is emptied before the next invocation (the writer appends). */
    private static final long TRUNCATE_ABOVE_BYTES = 1 << 20;

    static final int TAIL_BYTES = 4096;

    private final Path file;

    ContainerLog(Path file) throws IOException {
        this.file = file;
        Files.deleteIfExists(file);
        Files.createFile(file);
    }

    Path file() {
        return file;
    }

    /** Where the next invocation's output starts; empties the file first when it grew large. */
    long mark() throws IOException {
        long size = Files.size(file);
        if (size <= TRUNCATE_ABOVE_BYTES) {
            return size;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        return 0;
    }

    /** The last {@link #TAIL_BYTES} written since {@code mark}, as text; the file is opened only when it grew. */
    String tailSince(long mark) {
        try {
            if (Files.size(file) <= mark) {
                return "";
            }
        } catch (IOException e) {
            return "";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long end = raf.length();
            long start = Math.max(Math.min(mark, end), end - TAIL_BYTES);
            byte[] bytes = new byte[(int) (end - start)];
            raf.seek(start);
            raf.readFully(bytes);
            return new String(bytes, UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
