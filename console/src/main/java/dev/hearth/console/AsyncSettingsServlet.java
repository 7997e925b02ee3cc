package dev.hearth.console;

import dev.hearth.scheduler.application.AsyncQueueService;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The function page's async retry form (POST only): retries and maximum event age, through the
 * async queue service, whose rules refuse values out of range.
 */
@WebServlet("/async-settings")
@ServletSecurity(@HttpConstraint(rolesAllowed = {Role.ADMIN, Role.DEVELOPER}))
public class AsyncSettingsServlet extends FunctionFormServlet {

    @Inject
    private AsyncQueueService queue;

    @Override
    protected String act(HttpServletRequest request, Caller caller) {
        String function = Forms.required(request, "function");
        queue.changeSettings(
                caller,
                function,
                Forms.wholeNumber(request, "maxRetries"),
                Forms.wholeNumber(request, "maxEventAgeSeconds"));
        return back(function, "async-settings");
    }
}
