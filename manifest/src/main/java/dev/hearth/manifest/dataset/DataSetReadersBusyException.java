package dev.hearth.manifest.dataset;

/**
 * As many data sets as one JVM reads at once are being read: nothing was read, and the same
 * request may succeed a few seconds later.
 */
public final class DataSetReadersBusyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DataSetReadersBusyException(String message) {
        super(message);
    }
}
