package dev.hearth.console;

import dev.hearth.security.Caller;
import jakarta.servlet.http.HttpServletRequest;

/** A form of a function's page (POST only), which sends the browser back to that page's section. */
abstract class FunctionFormServlet extends ConsoleServlet {

    @Override
    protected String show(HttpServletRequest request, Caller caller, Viewer viewer) {
        throw new FormException("This is changed from its function's page.");
    }

    /** The function's page at {@code section}. */
    static String back(String function, String section) {
        return Html.url("function", "name", function) + "#" + section;
    }
}
