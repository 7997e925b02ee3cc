package dev.hearth.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hearth.console.FunctionListing.Sort;
import dev.hearth.scheduler.application.FunctionView;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FunctionListingTest {

    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 12, 1, 8, 0, 0, 0, ZoneOffset.UTC);

    private static final List<FunctionView> FUNCTIONS = List.of(
            function("resize-image", "dev2", "nodejs", 1),
            function("Hello", "dev", "python3", 3),
            function("hello-again", "dev", "python3", 2));

    @Test
    void searchesNamesIgnoringCase() {
        FunctionListing listing = FunctionListing.of(FUNCTIONS, "HELLO", Sort.NAME, 0, 20);
        assertEquals(List.of("Hello", "hello-again"), names(listing));
        assertEquals(2, listing.matching());
    }

    @Test
    void sortsByOwnerThenNameOrNewestFirst() {
        assertEquals(
                List.of("Hello", "hello-again", "resize-image"),
                names(FunctionListing.of(FUNCTIONS, "", Sort.of("owner"), 0, 20)));
        assertEquals(
                List.of("Hello", "hello-again", "resize-image"),
                names(FunctionListing.of(FUNCTIONS, "", Sort.of("updated"), 0, 20)));
        assertEquals(Sort.NAME, Sort.of("'; drop table"), "an unknown order is by name");
    }

    @Test
    void pagesHoldAtMostThePageSizeAndALatePageIsTheLast() {
        List<FunctionView> many = IntStream.range(0, 45)
                .mapToObj(i -> function("f%02d".formatted(i), "dev", "python3", i))
                .toList();

        FunctionListing second = FunctionListing.of(many, "", Sort.NAME, 1, 20);
        assertEquals(3, second.pages());
        assertEquals("f20", second.functions().get(0).name());
        assertEquals(20, second.functions().size());

        FunctionListing beyond = FunctionListing.of(many, "", Sort.NAME, 99, 20);
        assertEquals(2, beyond.page());
        assertEquals(List.of("f40", "f41", "f42", "f43", "f44"), names(beyond));
        assertEquals(1, FunctionListing.of(List.of(), "", Sort.NAME, 0, 20).pages());
    }

    private static List<String> names(FunctionListing listing) {
        return listing.functions().stream().map(FunctionView::name).toList();
    }

    private static FunctionView function(String name, String owner, String runtime, int hoursAfter) {
        return new FunctionView(
                name,
                owner,
                runtime,
                "main",
                List.of(),
                null,
                "sha",
                10,
                AT,
                AT.plusHours(hoursAfter),
                null,
                List.of());
    }
}
