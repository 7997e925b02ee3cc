package dev.hearth.scheduler.application;

import dev.hearth.security.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Grant principals: {@code user:NAME} for one user, {@code role:NAME} for everyone with a realm role. */
final class Principals {

    private static final Pattern PRINCIPAL = Pattern.compile("(user|role):[A-Za-z0-9._@-]{1,255}");

    private Principals() {}

    /** The principals a caller answers to. */
    static List<String> of(Caller caller) {
        List<String> principals = new ArrayList<>();
        principals.add("user:" + caller.username());
        caller.roles().forEach(role -> principals.add("role:" + role));
        return principals;
    }

    /** @throws HearthException INVALID_REQUEST: not of the form user:NAME or role:NAME */
    static String checked(String principal) {
        if (principal == null || !PRINCIPAL.matcher(principal).matches()) {
            throw new HearthException(
                    ProblemType.INVALID_REQUEST,
                    "principal '" + principal + "' must be user:NAME or role:NAME (letters, digits, . _ @ -)");
        }
        return principal;
    }
}
