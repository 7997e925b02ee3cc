package dev.hearth.scheduler.application;

/**
 * A stored text as a list gives it: its first {@code codePoints} code points, and whether it was
 * longer. The database is asked for twice as many characters as kept (a code point is at most two
 * UTF-16 characters, whichever of the two a database counts in), so that a text it cut is always
 * seen to be longer, and only that beginning leaves it (docs/adr/0055).
 */
public record ListedText(String text, boolean cut) {

    /** How many characters to ask the database for, to keep {@code codePoints}. */
    public static int fetched(int codePoints) {
        return 2 * codePoints + 2;
    }

    /** {@code beginning}, as the database gave it ({@link #fetched} characters at most), kept to {@code codePoints}. */
    public static ListedText of(String beginning, int codePoints) {
        if (beginning == null || beginning.codePointCount(0, beginning.length()) <= codePoints) {
            return new ListedText(beginning, false);
        }
        return new ListedText(beginning.substring(0, beginning.offsetByCodePoints(0, codePoints)), true);
    }
}
