package dev.hearth.console;

import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.PoolAdminService;
import dev.hearth.scheduler.application.ProblemType;
import dev.hearth.security.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The dashboard's "set target" form: a warming pool's target and maximum per host (admins). */
@WebServlet("/pools")
@ServletSecurity(@HttpConstraint(rolesAllowed = Role.ADMIN))
public class PoolTargetServlet extends HttpServlet {

    @Inject
    private PoolAdminService pools;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!CsrfToken.matches(request.getSession(false), request.getParameter(CsrfToken.PARAMETER))) {
            Problems.send(response, HttpServletResponse.SC_FORBIDDEN, "The form is stale: reload the console.");
            return;
        }
        try {
            pools.setPool(
                    SignedInCaller.of(request),
                    request.getParameter("runtime"),
                    Integer.parseInt(request.getParameter("warmingTarget")),
                    Integer.parseInt(request.getParameter("maxPerHost")));
        } catch (NumberFormatException e) {
            Problems.send(response, HttpServletResponse.SC_BAD_REQUEST, "Not a valid pool target: " + e.getMessage());
            return;
        } catch (HearthException e) {
            if (e.type() != ProblemType.INVALID_SETTINGS) {
                throw e;
            }
            Problems.send(response, HttpServletResponse.SC_BAD_REQUEST, "Not a valid pool target: " + e.getMessage());
            return;
        }
        response.sendRedirect(request.getContextPath() + "/");
    }
}
