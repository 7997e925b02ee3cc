package dev.hearth.scheduler.infrastructure.persistence;

import jakarta.persistence.Query;
import java.util.Collection;
import java.util.List;

/** Statements that name many ids: a database takes a bounded number of parameters in one. */
final class IdBatches {

    static final int IDS_PER_STATEMENT = 500;

    private IdBatches() {}

    /** Runs {@code statement} (a DELETE or UPDATE) once per {@value #IDS_PER_STATEMENT} of {@code ids}, bound to {@code parameter}. */
    static void execute(Query statement, String parameter, Collection<String> ids) {
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += IDS_PER_STATEMENT) {
            statement
                    .setParameter(parameter, all.subList(from, Math.min(all.size(), from + IDS_PER_STATEMENT)))
                    .executeUpdate();
        }
    }
}
