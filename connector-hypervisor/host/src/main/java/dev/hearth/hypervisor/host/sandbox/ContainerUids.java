package dev.hearth.hypervisor.host.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * The uids (and, as the same numbers, gids) the agent gives its containers, {@code first} to
 * {@code last} ({@code --container-uids}). They must belong to nobody else on the host: a real
 * user's or group's id, or a range of subordinate ids handed to a user for its own user
 * namespaces, would share file ownership and per-uid kernel limits with a tenant.
 */
public record ContainerUids(int first, int last) {

    /** From 200000, 65536 uids: above the ids of Debian's users and their first subordinate ranges. */
    public static final ContainerUids DEFAULT = new ContainerUids(200_000, 265_535);

    /** The fewest the agent runs with: the stem cells of one instance and a function's portions. */
    static final int MIN_COUNT = 16;

    /** An id file of the host, by its format. */
    public enum Format {
        /** {@code name:password:id:...}, as {@code /etc/passwd} and {@code /etc/group}. */
        ACCOUNTS,
        /** {@code name:first:count}, as {@code /etc/subuid} and {@code /etc/subgid}. */
        SUBORDINATE
    }

    /** One id file's path (for the message) and text. */
    public record IdFile(String path, Format format, String text) {}

    public ContainerUids {
        if (first < 1 || last < first || (long) last - first + 1 < MIN_COUNT) {
            throw new IllegalArgumentException(
                    "the container uids must be at least " + MIN_COUNT + " ids above 0, not " + first + "-" + last);
        }
    }

    /** {@code FIRST-LAST}, as the setting writes it. */
    public static ContainerUids parse(String text) {
        String[] bounds = text.trim().split("-", -1);
        if (bounds.length != 2 || !bounds[0].matches("[0-9]{1,10}") || !bounds[1].matches("[0-9]{1,10}")) {
            throw new IllegalArgumentException("the container uids are written FIRST-LAST, not '" + text + "'");
        }
        long first = Long.parseLong(bounds[0]);
        long last = Long.parseLong(bounds[1]);
        if (last > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("the container uids must stay below " + Integer.MAX_VALUE);
        }
        return new ContainerUids((int) first, (int) last);
    }

    int count() {
        return last - first + 1;
    }

    /**
     * The first id in {@code files} that falls in this range, as one line for the operator; empty
     * when none does. Lines that are not ids (comments, damaged ones) are skipped.
     */
    public Optional<String> conflict(List<IdFile> files) {
        for (IdFile file : files) {
            for (String line : file.text().split("\n")) {
                if (line.strip().startsWith("#")) {
                    continue;
                }
                String[] fields = line.strip().split(":", -1);
                Optional<String> found =
                        switch (file.format()) {
                            case ACCOUNTS -> fields.length >= 3
                                            && isId(fields[2])
                                            && contains(Long.parseLong(fields[2]))
                                    ? Optional.of("id " + fields[2] + " of '" + fields[0] + "' in " + file.path())
                                    : Optional.empty();
                            case SUBORDINATE -> fields.length == 3
                                            && isId(fields[1])
                                            && isId(fields[2])
                                            && overlaps(Long.parseLong(fields[1]), Long.parseLong(fields[2]))
                                    ? Optional.of("the subordinate ids " + fields[1] + "-"
                                            + (Long.parseLong(fields[1]) + Long.parseLong(fields[2]) - 1) + " of '"
                                            + fields[0] + "' in " + file.path())
                                    : Optional.empty();
                        };
                if (found.isPresent()) {
                    return Optional.of("the container uids " + this + " include " + found.get()
                            + ": choose others with --container-uids");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isId(String text) {
        return text.matches("[0-9]{1,10}");
    }

    private boolean contains(long id) {
        return id >= first && id <= last;
    }

    private boolean overlaps(long start, long count) {
        return count > 0 && start <= last && start + count - 1 >= first;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
