package dev.hearth.persistence;

import dev.hearth.domain.rules.Limits;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One variable of one portion's own environment (a row of a function's portion variables). */
@Embeddable
public class EmbeddedPortionVariable {

    @Column(name = "portion_name", nullable = false, length = Limits.MAX_PORTION_NAME_CHARS)
    private String portion;

    @Column(name = "variable_name", nullable = false, length = Limits.MAX_VARIABLE_NAME_CHARS)
    private String name;

    @Column(name = "variable_value", nullable = false, length = Limits.MAX_ENVIRONMENT_VALUE_CHARS)
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
