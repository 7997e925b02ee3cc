package dev.hearth.console;

import dev.hearth.scheduler.application.SharingService;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;

/** The function page's grant and revoke forms (POST only): through the same sharing service as the API. */
@WebServlet("/grants")
@ServletSecurity(@HttpConstraint(rolesAllowed = {Role.ADMIN, Role.DEVELOPER}))
public class GrantsServlet extends FunctionFormServlet {

    @Inject
    private SharingService sharing;

    @Override
    protected String act(HttpServletRequest request, Caller caller) {
        String function = Forms.required(request, "function");
        String principal = Forms.required(request, "principal");
        switch (Forms.required(request, "action")) {
            case "grant" -> sharing.grant(caller, function, principal);
            case "revoke" -> sharing.revoke(caller, function, principal);
            default -> throw new FormException("action must be grant or revoke.");
        }
        return back(function, "grants");
    }
}
