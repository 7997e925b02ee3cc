package dev.hearth.console;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The redirect URI that Keycloak sends the browser back to. The sign-in mechanism has already
 * exchanged the code for tokens before this runs; what is left is to show the dashboard. It must
 * stay unprotected: a protected callback would start a new sign-in instead of finishing this one.
 */
@WebServlet("/callback")
public class CallbackServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getContextPath() + "/");
    }
}
