package dev.hearth.persistence;

import dev.hearth.domain.function.Portion;
import dev.hearth.domain.function.TrustLevel;
import dev.hearth.domain.rules.Limits;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One row of a function's portions. The secrets it names are one comma-separated column (a name
 * holds no comma); its own variables are rows of their own ({@link EmbeddedPortionVariable}): an
 * element collection cannot hold another.
 */
@Embeddable
public class EmbeddedPortion {

    @Column(name = "portion_name", nullable = false, length = Limits.MAX_PORTION_NAME_CHARS)
    private String name;

    @Column(name = "folder", nullable = false, length = 1024)
    private String path;

    @Column(name = "handler", nullable = false, length = Limits.MAX_HANDLER_CHARS)
    private String handler;

    @Column(name = "trust_level", nullable = false, length = 16)
    private String trustLevel;

    /** Null in rows written before portions named secrets. */
    @Column(name = "secret_names", length = Limits.MAX_SECRETS_PER_PORTION * (Limits.MAX_SECRET_NAME_CHARS + 1))
    private String secrets;

    protected EmbeddedPortion() {}

    EmbeddedPortion(Portion portion) {
        this.name = portion.name();
        this.path = portion.path();
        this.handler = portion.handler();
        this.trustLevel = portion.trustLevel().id();
        this.secrets = String.join(",", portion.secrets());
    }

    String name() {
        return name;
    }

    /** The portion, with its own variables. */
    Portion toPortion(Map<String, String> environment) {
        List<String> secretNames = secrets == null || secrets.isEmpty() ? List.of() : Arrays.asList(secrets.split(","));
        return new Portion(name, path, handler, TrustLevel.byId(trustLevel).orElseThrow(), environment, secretNames);
    }
}
