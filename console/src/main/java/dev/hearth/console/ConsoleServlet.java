package dev.hearth.console;

import dev.hearth.scheduler.application.HearthException;
import dev.hearth.security.Caller;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A signed-in page: GET shows it ({@link #show}), POST runs its form ({@link #act}) after checking
 * the session's CSRF token and sends the browser where the action says (post, redirect, get). What
 * the application services refuse, and forms that do not parse, become a readable error page with
 * the problem's status, never a stack trace.
 */
abstract class ConsoleServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Caller caller = SignedInCaller.of(request);
        Viewer viewer = new Viewer(caller.username(), caller.isAdmin(), CsrfToken.of(request.getSession()));
        String page;
        try {
            page = show(request, caller, viewer);
        } catch (HearthException | FormException e) {
            refused(response, e);
            return;
        }
        Html.send(response, HttpServletResponse.SC_OK, page);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!CsrfToken.matches(request.getSession(false), request.getParameter(CsrfToken.PARAMETER))) {
            Problems.send(response, HttpServletResponse.SC_FORBIDDEN, "The form is stale: reload the console.");
            return;
        }
        String next;
        try {
            next = act(request, SignedInCaller.of(request));
        } catch (HearthException | FormException e) {
            refused(response, e);
            return;
        }
        response.sendRedirect(next);
    }

    /** The page's HTML. */
    protected abstract String show(HttpServletRequest request, Caller caller, Viewer viewer);

    /** Runs the page's form; returns where to send the browser (relative to the console). */
    protected String act(HttpServletRequest request, Caller caller) {
        throw new FormException("This page has no form.");
    }

    /** A refusal of a service or a form as the error page. */
    static void refused(HttpServletResponse response, RuntimeException problem) throws IOException {
        if (problem instanceof HearthException refused) {
            int status = refused.type().status() == 0
                    ? HttpServletResponse.SC_BAD_REQUEST
                    : refused.type().status();
            String title = refused.type().title().orElse("Refused");
            Problems.send(response, status, title + ": " + refused.getMessage());
        } else {
            Problems.send(response, HttpServletResponse.SC_BAD_REQUEST, problem.getMessage());
        }
    }
}
