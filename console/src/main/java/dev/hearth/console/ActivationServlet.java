package dev.hearth.console;

import dev.hearth.scheduler.application.ActivationService;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;

/** {@code /console/activation?id=}: one activation the caller may see. */
@WebServlet("/activation")
@ServletSecurity(@HttpConstraint(rolesAllowed = {Role.ADMIN, Role.DEVELOPER}))
public class ActivationServlet extends ConsoleServlet {

    @Inject
    private ActivationService activations;

    @Override
    protected String show(HttpServletRequest request, Caller caller, Viewer viewer) {
        return ActivationPage.render(viewer, activations.get(caller, Forms.required(request, "id")));
    }
}
