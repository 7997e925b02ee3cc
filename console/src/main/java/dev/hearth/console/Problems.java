package dev.hearth.console;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A short error page with a way back. */
final class Problems {

    private Problems() {}

    static void send(HttpServletResponse response, int status, String message) throws IOException {
        Html.send(
                response,
                status,
                Html.document(
                        "Hearth console",
                        "<h1>Hearth console</h1><p class=\"error\" role=\"alert\">" + Html.text(message)
                                + "</p><p><a href=\"./\">Back to the console</a></p>"));
    }
}
