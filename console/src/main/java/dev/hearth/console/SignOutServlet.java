package dev.hearth.console;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Signs out of the console and of Keycloak: {@code request.logout()} lets the sign-in mechanism end
 * the session and send the browser to the realm's end-session endpoint (see {@link ConsoleSignIn}),
 * which returns it to {@code signed-out}. Open to any signed-in user (an invoker, too, must be able
 * to leave), and a POST with the session's CSRF token only.
 */
@WebServlet("/sign-out")
public class SignOutServlet extends HttpServlet {

    @Inject
    private ConsoleOidcSettings settings;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (request.getUserPrincipal() == null) {
            response.sendRedirect(settings.getSignedOutUri());
            return;
        }
        if (!CsrfToken.matches(request.getSession(false), request.getParameter(CsrfToken.PARAMETER))) {
            Problems.send(response, HttpServletResponse.SC_FORBIDDEN, "The form is stale: reload the console.");
            return;
        }
        request.logout();
        if (!response.isCommitted()) {
            response.sendRedirect(settings.getSignedOutUri());
        }
    }
}
