package dev.hearth.domain.rules;

import java.util.regex.Pattern;

/**
 * The names a user gives and Hearth passes on: each a pattern and its rule in words. The host agent
 * checks portions, variables and secrets by the same rules as the upload, so that it accepts every
 * function the upload accepted.
 */
public enum NameRule {
    FUNCTION("[a-z0-9][a-z0-9-]{0,62}", "lower-case letters, digits and dashes, at most 63"),
    /** A portion's name is also part of its container's and its cgroup's names. */
    PORTION("[a-z0-9][a-z0-9-]{0,62}", "lower-case letters, digits and dashes, at most 63"),
    ENVIRONMENT_VARIABLE("[A-Za-z_][A-Za-z0-9_]{0,127}", "letters, digits and '_', not first a digit, at most 128"),
    /** A secret's name is also the name of its file in the container: no dot, no slash. */
    SECRET("[A-Za-z_][A-Za-z0-9_]{0,63}", "letters, digits and '_', at most 64"),
    /** A schedule's name, chosen by its function's owner; part of its URL. */
    SCHEDULE("[a-z0-9][a-z0-9-]{0,62}", "lower-case letters, digits and dashes, at most 63"),
    /** A scope as the trust-level table names them, e.g. {@code kv:read}. */
    CREDENTIAL_SCOPE("[a-z][a-z0-9-]{0,30}:[a-z][a-z0-9-]{0,30}", "service:right, e.g. kv:read");

    private final Pattern pattern;
    private final String inWords;

    NameRule(String pattern, String inWords) {
        this.pattern = Pattern.compile(pattern);
        this.inWords = inWords;
    }

    public boolean accepts(String name) {
        return name != null && pattern.matcher(name).matches();
    }

    /** The regular expression a name must match as a whole. */
    public String pattern() {
        return pattern.pattern();
    }

    /** The rule as a user reads it. */
    public String inWords() {
        return inWords;
    }
}
