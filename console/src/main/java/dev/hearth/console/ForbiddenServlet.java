package dev.hearth.console;

import dev.hearth.security.Role;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The 403 page (web.xml): signed in, but without a console role; offers to sign out. */
@WebServlet("/forbidden")
public class ForbiddenServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String who = request.getUserPrincipal() == null
                ? "You"
                : request.getUserPrincipal().getName();
        String signOut = request.getUserPrincipal() == null
                ? ""
                : "<form method=\"post\" action=\"sign-out\"><input type=\"hidden\" name=\"" + CsrfToken.PARAMETER
                        + "\" value=\"" + Html.text(CsrfToken.of(request.getSession())) + "\">"
                        + "<button type=\"submit\">Sign out</button></form>";
        Html.send(
                response,
                HttpServletResponse.SC_FORBIDDEN,
                Html.document(
                        "Hearth console",
                        "<h1>Hearth console</h1><p>" + Html.text(who)
                                + " may not use the console: it needs the realm role " + Role.ADMIN + " or "
                                + Role.DEVELOPER + ".</p>" + signOut));
    }
}
