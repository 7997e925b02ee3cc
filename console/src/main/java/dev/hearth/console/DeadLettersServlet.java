package dev.hearth.console;

import dev.hearth.scheduler.application.AsyncQueueService;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;

/** The function page's dead-letter forms (POST only): redrive or delete one, through the async queue service. */
@WebServlet("/dead-letters")
@ServletSecurity(@HttpConstraint(rolesAllowed = {Role.ADMIN, Role.DEVELOPER}))
public class DeadLettersServlet extends FunctionFormServlet {

    @Inject
    private AsyncQueueService queue;

    @Override
    protected String act(HttpServletRequest request, Caller caller) {
        String function = Forms.required(request, "function");
        String id = Forms.required(request, "id");
        switch (Forms.required(request, "action")) {
            case "redrive" -> queue.redrive(caller, function, id);
            case "delete" -> queue.deleteDeadLetter(caller, function, id);
            default -> throw new FormException("action must be redrive or delete.");
        }
        return back(function, "dead-letters");
    }
}
