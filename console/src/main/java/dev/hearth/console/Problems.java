package dev.hearth.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A short error page with a way back to the dashboard. */
final class Problems {

    private Problems() {}

    static void send(HttpServletResponse response, int status, String message) throws IOException {
        Html.send(
                response,
                status,
                Html.document(
                        "Hearth console",
                        "<h1>Hearth console</h1><p>" + Html.text(message) + "</p><p><a href=\"./\">Back</a></p>"));
    }
}
