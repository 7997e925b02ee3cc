package dev.hearth.console;

import dev.hearth.scheduler.application.SecretService;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The function page's secret forms (POST only): set one (its value is taken as typed, never shown
 * again) or delete one, through the secret service.
 */
@WebServlet("/secrets")
@ServletSecurity(@HttpConstraint(rolesAllowed = {Role.ADMIN, Role.DEVELOPER}))
public class SecretsServlet extends FunctionFormServlet {

    @Inject
    private SecretService secrets;

    @Override
    protected String act(HttpServletRequest request, Caller caller) {
        String function = Forms.required(request, "function");
        String secret = Forms.required(request, "secret");
        switch (Forms.required(request, "action")) {
            case "set" -> {
                String value = request.getParameter("value");
                if (value == null || value.isEmpty()) {
                    throw new FormException("The form needs value.");
                }
                secrets.set(caller, function, secret, value);
            }
            case "delete" -> secrets.delete(caller, function, secret);
            default -> throw new FormException("action must be set or delete.");
        }
        return back(function, "secrets");
    }
}
