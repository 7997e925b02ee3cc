package dev.hearth.persistence.datasource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DataSourceChoiceTest {

    @Test
    void noNameMeansTheEmbeddedDatabase() {
        assertEquals(new DataSourceChoice.Embedded(), DataSourceChoice.of(Optional.empty()));
    }

    @Test
    void aBlankNameMeansTheEmbeddedDatabase() {
        assertEquals(new DataSourceChoice.Embedded(), DataSourceChoice.of(Optional.of("  ")));
    }

    @Test
    void aNamedResourceIsUsedWithoutSurroundingSpace() {
        assertEquals(
                new DataSourceChoice.ServerResource("jdbc/hearth"), DataSourceChoice.of(Optional.of(" jdbc/hearth ")));
    }
}
