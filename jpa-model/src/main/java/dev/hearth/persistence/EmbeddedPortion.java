package dev.hearth.persistence;

import dev.hearth.domain.function.ManifestRules;
import dev.hearth.domain.function.Portion;
import dev.hearth.domain.function.TrustLevel;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One row of a function's portions. */
@Embeddable
public class EmbeddedPortion {

    @Column(name = "portion_name", nullable = false, length = 63)
    private String name;

    @Column(name = "folder", nullable = false, length = 1024)
    private String path;

    @Column(name = "handler", nullable = false, length = ManifestRules.MAX_HANDLER_CHARS)
    private String handler;

    @Column(name = "trust_level", nullable = false, length = 16)
    private String trustLevel;

    protected EmbeddedPortion() {}

    EmbeddedPortion(Portion portion) {
        this.name = portion.name();
        this.path = portion.path();
        this.handler = portion.handler();
        this.trustLevel = portion.trustLevel().id();
    }

    Portion toPortion() {
        return new Portion(name, path, handler, TrustLevel.byId(trustLevel).orElseThrow());
    }
}
