package dev.hearth.persistence;

import dev.hearth.domain.function.ManifestRules;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One variable of one portion's own environment (a row of a function's portion variables). */
@Embeddable
public class EmbeddedPortionVariable {

    @Column(name = "portion_name", nullable = false, length = 63)
    private String portion;

    @Column(name = "variable_name", nullable = false, length = 128)
    private String name;

    @Column(name = "variable_value", nullable = false, length = ManifestRules.MAX_ENVIRONMENT_VALUE_CHARS)
    private String value;

    protected EmbeddedPortionVariable() {}

    EmbeddedPortionVariable(String portion, String name, String value) {
        this.portion = portion;
        this.name = name;
        this.value = value;
    }

    String portion() {
        return portion;
    }

    String name() {
        return name;
    }

    String value() {
        return value;
    }
}
