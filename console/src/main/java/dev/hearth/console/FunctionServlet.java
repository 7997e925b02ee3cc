package dev.hearth.console;

import dev.hearth.scheduler.application.ActivationService;
import dev.hearth.scheduler.application.AsyncQueueService;
import dev.hearth.scheduler.application.BulkJobService;
import dev.hearth.scheduler.application.FunctionService;
import dev.hearth.scheduler.application.FunctionView;
import dev.hearth.scheduler.application.ScheduleService;
import dev.hearth.scheduler.application.SecretService;
import dev.hearth.scheduler.application.SharingService;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code /console/function?name=&status=&start=}: one function, if the caller may manage it; its
 * delete form (confirmed by a ticked box) posts here.
 */
@WebServlet("/function")
@ServletSecurity(@HttpConstraint(rolesAllowed = {Role.ADMIN, Role.DEVELOPER}))
public class FunctionServlet extends ConsoleServlet {

    @Inject
    private FunctionService functions;

    @Inject
    private ActivationService activations;

    @Inject
    private SharingService sharing;

    @Inject
    private SecretService secrets;

    @Inject
    private ScheduleService schedules;

    @Inject
    private AsyncQueueService queue;

    @Inject
    private BulkJobService jobs;

    @Override
    protected String show(HttpServletRequest request, Caller caller, Viewer viewer) {
        FunctionView function = functions.get(caller, Forms.required(request, "name"));
        String status = Forms.optional(request, "status");
        String startKind = Forms.optional(request, "start");
        return FunctionPage.render(
                viewer,
                new FunctionDetails(
                        function,
                        sharing.grants(caller, function.name()),
                        secrets.list(caller, function.name()),
                        schedules.list(caller, function.name()),
                        queue.settings(caller, function.name()),
                        queue.deadLetters(caller, function.name(), FunctionDetails.RECENT),
                        jobs.list(caller).stream()
                                .filter(job -> job.functionName().equals(function.name()))
                                .toList(),
                        FunctionDetails.matching(
                                activations.listForFunction(caller, function.name(), FunctionDetails.RECENT),
                                status,
                                startKind),
                        status,
                        startKind));
    }

    @Override
    protected String act(HttpServletRequest request, Caller caller) {
        String name = Forms.required(request, "name");
        if (!"delete".equals(Forms.required(request, "action"))) {
            throw new FormException("action must be delete.");
        }
        if (!"yes".equals(Forms.optional(request, "confirm"))) {
            throw new FormException("Tick the box to confirm that " + name + " is to be deleted.");
        }
        functions.delete(caller, name);
        return "functions";
    }
}
