package dev.hearth.domain.rules;

/**
 * Sizes and ranges: what a function's policy may ask for, how large what a caller sends may be.
 * The web layer refuses a body over these before reading it all, the scheduler checks them again
 * for callers that do not come through it, and the host agent accepts at least as much.
 */
public final class Limits {

    /** The longest function name (and of the columns that store it); {@link NameRule#FUNCTION} agrees. */
    public static final int MAX_FUNCTION_NAME_CHARS = 63;
    /** The longest portion name (and of the columns that store it); {@link NameRule#PORTION} agrees. */
    public static final int MAX_PORTION_NAME_CHARS = 63;
    /** The longest variable name (and of the columns that store it). */
    public static final int MAX_VARIABLE_NAME_CHARS = 128;

    /** An invocation's event, in UTF-8 bytes. */
    public static final int MAX_EVENT_BYTES = 1 << 20;

    /** A code archive as uploaded (zip or tar.gz). */
    public static final int MAX_ARCHIVE_BYTES = 20 << 20;
    /** All of a code archive's files once unpacked. */
    public static final long MAX_UNPACKED_BYTES = 100L << 20;

    public static final int MAX_ARCHIVE_ENTRIES = 10_000;
    public static final long MAX_ARCHIVE_ENTRY_BYTES = 50L << 20;
    /** Unpacked size over archive size: bounds a zip bomb. */
    public static final int MAX_COMPRESSION_RATIO = 100;

    /**
     * Log lines, and apart from them metric samples, that one invocation may send to the auxiliary
     * services: each row is kept as long as its activation (the retention) or until its function is
     * deleted, and an activation's lines are read back whole.
     */
    public static final int MAX_RECORDS_PER_INVOCATION = 1_000;

    /** A value in a function owner's key-value store, in bytes of its JSON text. */
    public static final int MAX_KEY_VALUE_BYTES = 64 << 10;
    /** A secret's value. */
    public static final int MAX_SECRET_VALUE_CHARS = 32 << 10;
    /** The longest secret name (and of the column that stores it). */
    public static final int MAX_SECRET_NAME_CHARS = 64;
    /** The most secrets one portion may name. */
    public static final int MAX_SECRETS_PER_PORTION = 16;

    /**
     * The most functions one owner may have: each keeps its code package (up to {@link
     * #MAX_ARCHIVE_BYTES}) in the database, so that one owner holds at most about 2 GiB of code and
     * cannot fill the disk every tenant's records share. Replacing a function's code is not a new one.
     */
    public static final int MAX_FUNCTIONS_PER_OWNER = 100;
    /**
     * The most keys one owner's key-value store may hold: at most {@link #MAX_KEY_VALUE_BYTES} each,
     * about 640 MiB in all; a new key past it is refused, an existing key may still be written.
     */
    public static final int MAX_KEYS_PER_OWNER = 10_000;
    /**
     * The most secrets one owner may have set, over all their functions: at most {@link
     * #MAX_SECRET_VALUE_CHARS} each, about 32 MiB (sealed, somewhat more) in all; replacing a
     * secret's value is not a new one.
     */
    public static final int MAX_SECRETS_PER_OWNER = 1_000;
    /**
     * The most principals one function may be granted to: at most 260 characters each, read whole by
     * every list of the function's grants (the API's and the console's function page); granting an
     * existing principal again is not new.
     */
    public static final int MAX_GRANTS_PER_FUNCTION = 100;

    /** The most schedules one function may have. */
    public static final int MAX_SCHEDULES_PER_FUNCTION = 10;
    /** The longest schedule name (and of the column that stores it); {@link NameRule#SCHEDULE} agrees. */
    public static final int MAX_SCHEDULE_NAME_CHARS = 63;
    /** The longest cron expression (and of the column that stores it). */
    public static final int MAX_CRON_CHARS = 200;

    public static final int MAX_PORTIONS = 8;
    /** The longest handler (and the column that stores it). */
    public static final int MAX_HANDLER_CHARS = 512;

    public static final int MAX_ENVIRONMENT_VARIABLES = 64;
    /** The longest value of an environment variable (and of the column that stores it). */
    public static final int MAX_ENVIRONMENT_VALUE_CHARS = 4096;

    public static final int MAX_CREDENTIAL_SCOPES = 16;

    public static final int MIN_MEMORY_MB = 16;
    public static final int MAX_MEMORY_MB = 4096;
    public static final long MIN_TIMEOUT_MILLIS = 100;
    /** Bounds how long one invocation may hold an instance and a request thread. */
    public static final long MAX_TIMEOUT_MILLIS = 60_000;

    public static final int MIN_PROCESSES = 1;
    public static final int MAX_PROCESSES = 1024;
    public static final int MIN_TMP_MB = 1;
    public static final int MAX_TMP_MB = 1024;
    /** A twentieth of a core at least, four cores at most; the host may allow less. */
    public static final int MIN_CPU_PERCENT = 5;

    public static final int MAX_CPU_PERCENT = 400;

    private Limits() {}
}
