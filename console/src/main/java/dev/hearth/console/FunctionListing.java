package dev.hearth.console;

import dev.hearth.scheduler.application.FunctionView;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One page of the functions list: those whose name contains {@code query} (ignoring case), in the
 * order of {@code sort}, {@code pageSize} per page. {@code page} is the page shown (clamped to the
 * pages there are), {@code pages} at least one.
 */
record FunctionListing(List<FunctionView> functions, String query, Sort sort, int page, int pages, int matching) {

    static final int PAGE_SIZE = 20;

    /** The orders the list offers, by the value of the form's {@code sort} field. */
    enum Sort {
        NAME("name", Comparator.comparing(FunctionView::name)),
        OWNER("owner", Comparator.comparing(FunctionView::owner).thenComparing(FunctionView::name)),
        RUNTIME("runtime", Comparator.comparing(FunctionView::runtime).thenComparing(FunctionView::name)),
        NEWEST(
                "updated",
                Comparator.comparing(
                                (FunctionView function) -> function.updatedAt(),
                                Comparator.nullsLast(Comparator.<OffsetDateTime>reverseOrder()))
                        .thenComparing(FunctionView::name));

        private static final Map<String, Sort> BY_FIELD =
                Map.of("name", NAME, "owner", OWNER, "runtime", RUNTIME, "updated", NEWEST);

        final String field;
        final Comparator<FunctionView> order;

        Sort(String field, Comparator<FunctionView> order) {
            this.field = field;
            this.order = order;
        }

        /** The order a form asked for; by name when it asked for none or an unknown one. */
        static Sort of(String field) {
            return field == null ? NAME : BY_FIELD.getOrDefault(field, NAME);
        }
    }

    static FunctionListing of(List<FunctionView> all, String query, Sort sort, int page, int pageSize) {
        String needle = query.toLowerCase(Locale.ROOT);
        List<FunctionView> matching = all.stream()
                .filter(function -> function.name().toLowerCase(Locale.ROOT).contains(needle))
                .sorted(sort.order)
                .toList();
        int pages = Math.max(1, (matching.size() + pageSize - 1) / pageSize);
        int shown = Math.min(Math.max(0, page), pages - 1);
        int from = shown * pageSize;
        return new FunctionListing(
                matching.subList(from, Math.min(matching.size(), from + pageSize)),
                query,
                sort,
                shown,
                pages,
                matching.size());
    }
}
