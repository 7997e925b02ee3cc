package dev.hearth.console;

import dev.hearth.security.Role;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The 403 page (web.xml): signed in without a console role (offers to sign out), or a developer on
 * an admin's page (offers the way back).
 */
@WebServlet("/forbidden")
public class ForbiddenServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String who = request.getUserPrincipal() == null
                ? "You"
                : request.getUserPrincipal().getName();
        String signOut = request.getUserPrincipal() == null
                ? ""
                : Html.form(
                        "sign-out", CsrfToken.of(request.getSession()), "<button type=\"submit\">Sign out</button>");
        Html.send(
                response,
                HttpServletResponse.SC_FORBIDDEN,
                Html.document(
                        "Hearth console",
                        "<h1>Hearth console</h1><p>" + Html.text(who) + why(request) + "</p>" + signOut));
    }

    private static String why(HttpServletRequest request) {
        return request.isUserInRole(Role.DEVELOPER)
                ? " may not open this page: it is for the realm role " + Role.ADMIN
                        + ".</p><p><a href=\"./\">Back to the console</a>"
                : " may not use the console: it needs the realm role " + Role.ADMIN + " or " + Role.DEVELOPER + ".";
    }
}
