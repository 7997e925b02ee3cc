package dev.hearth.hypervisor.host.qemu;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a cpio archive in the "newc" format, the one the Linux kernel unpacks as an initramfs:
 * directories, regular files and symbolic links, all owned by root.
 */
final class CpioWriter implements AutoCloseable {

    private static final int DIRECTORY = 0040000;
    private static final int REGULAR = 0100000;
    private static final int SYMLINK = 0120000;

    private final OutputStream out;
    private long written;
    private int nextInode = 1;

    CpioWriter(OutputStream out) {
        this.out = out;
    }

    void directory(String path, int permissions) throws IOException {
        entry(path, DIRECTORY | permissions, 2, new byte[0]);
    }

    void file(String path, int permissions, byte[] content) throws IOException {
        entry(path, REGULAR | permissions, 1, content);
    }

    void symlink(String path, String target) throws IOException {
        entry(path, SYMLINK | 0777, 1, target.getBytes(UTF_8));
    }

    private void entry(String path, int mode, int links, byte[] content) throws IOException {
        byte[] name = (path + "\0").getBytes(UTF_8);
        StringBuilder header = new StringBuilder("070701");
        for (long field : new long[] {nextInode++, mode, 0, 0, links, 0, content.length, 0, 0, 0, 0, name.length, 0}) {
            header.append(String.format("%08x", field));
        }
        write(header.toString().getBytes(US_ASCII));
        write(name);
        pad();
        write(content);
        pad();
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        written += bytes.length;
    }

    private void pad() throws IOException {
        while (written % 4 != 0) {
            write(new byte[1]);
        }
    }

    /** Writes the trailer; the stream stays open. */
    @Override
    public void close() throws IOException {
        entry("TRAILER!!!", 0, 1, new byte[0]);
        out.flush();
    }
}
