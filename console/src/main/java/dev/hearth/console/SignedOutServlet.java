package dev.hearth.console;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Where Keycloak sends the browser after sign-out; open to anyone. */
@WebServlet("/signed-out")
public class SignedOutServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Html.send(
                response,
                HttpServletResponse.SC_OK,
                Html.document(
                        "Signed out",
                        "<h1>Hearth console</h1><p>You are signed out.</p><p><a href=\"./\">Sign in again</a></p>"));
    }
}
