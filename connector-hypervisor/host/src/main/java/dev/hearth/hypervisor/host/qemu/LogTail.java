package dev.hearth.hypervisor.host.qemu;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;

/**
 * What the guest's runtime wrote, as the guest agent forwards it: the last {@link #KEPT_BYTES}
 * in memory, with a running count of every byte so that an invocation's part can be told apart.
 * Thread-safe: the link's reader appends while an invoking thread reads.
 */
final class LogTail {

    /** As much as an invocation's tail shows (as for the sandbox driver's containers). */
    static final int TAIL_BYTES = 4096;

    private static final int KEPT_BYTES = 2 * TAIL_BYTES;

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long total;

    synchronized void append(byte[] bytes) {
        kept.write(bytes, 0, bytes.length);
        total += bytes.length;
        if (kept.size() > KEPT_BYTES) {
            byte[] all = kept.toByteArray();
            kept.reset();
            kept.write(all, all.length - TAIL_BYTES, TAIL_BYTES);
        }
    }

    /** Where the next invocation's output starts. */
    synchronized long mark() {
        return total;
    }

    /** The last {@link #TAIL_BYTES} written since {@code mark}, as text. */
    synchronized String tailSince(long mark) {
        byte[] all = kept.toByteArray();
        long since = Math.min(total - mark, Math.min(all.length, TAIL_BYTES));
        return new String(all, (int) (all.length - since), (int) since, UTF_8);
    }
}
