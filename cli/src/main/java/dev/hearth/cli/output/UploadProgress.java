package dev.hearth.cli.output;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One line on a terminal that says how much of an upload has gone, rewritten in place as it grows
 * (a carriage return, no escape codes) and wiped when the upload is done.
 */
public final class UploadProgress {

    private static final double MIB = 1024.0 * 1024.0;

    private final PrintStream terminal;
    private final long total;
    private int shownPercent = -1;
    private int width;

    public UploadProgress(PrintStream terminal, long total) {
        this.terminal = terminal;
        this.total = total;
    }

    /** {@code sent} bytes of the total have gone; prints only when the percentage changes. */
    public void sent(long sent) {
        int percent = (int) (sent * 100 / Math.max(1, total));
        if (percent == shownPercent) {
            return;
        }
        shownPercent = percent;
        String line = String.format(Locale.ROOT, "uploading %.1f of %.1f MiB (%d%%)", sent / MIB, total / MIB, percent);
        width = Math.max(width, line.length());
        terminal.print("\r" + line);
        terminal.flush();
    }

    /** Wipes the line, so that what follows starts on a clean one. */
    public void done() {
        if (shownPercent >= 0) {
            terminal.print("\r" + " ".repeat(width) + "\r");
            terminal.flush();
        }
    }
}
