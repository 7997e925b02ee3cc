package dev.hearth.console;

import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The signed-in browser user as the application services know callers: name and realm roles. */
final class SignedInCaller {

    private SignedInCaller() {}

    /** No bearer token: the console only reads and steers, it never invokes (no token exchange). */
    static Caller of(HttpServletRequest request) {
        Set<String> roles = Stream.of(Role.ADMIN, Role.DEVELOPER, Role.INVOKER)
                .filter(request::isUserInRole)
                .collect(Collectors.toSet());
        return new Caller(request.getUserPrincipal().getName(), roles);
    }
}
