package dev.hearth.console;

import dev.hearth.scheduler.application.BulkJobService;
import dev.hearth.scheduler.application.BulkJobView;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;

/** The function page's batch-job forms (POST only): stop or restart a job, through the bulk job service. */
@WebServlet("/jobs")
@ServletSecurity(@HttpConstraint(rolesAllowed = {Role.ADMIN, Role.DEVELOPER}))
public class JobsServlet extends FunctionFormServlet {

    @Inject
    private BulkJobService jobs;

    @Override
    protected String act(HttpServletRequest request, Caller caller) {
        String id = Forms.required(request, "id");
        BulkJobView job =
                switch (Forms.required(request, "action")) {
                    case "stop" -> jobs.stop(caller, id);
                    case "restart" -> jobs.restart(caller, id);
                    default -> throw new FormException("action must be stop or restart.");
                };
        return back(job.functionName(), "jobs");
    }
}
