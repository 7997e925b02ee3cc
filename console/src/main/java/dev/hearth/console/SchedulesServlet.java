package dev.hearth.console;

import dev.hearth.scheduler.application.ScheduleService;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;

/** The function page's schedule forms (POST only): set one, delete one, through the schedule service. */
@WebServlet("/schedules")
@ServletSecurity(@HttpConstraint(rolesAllowed = {Role.ADMIN, Role.DEVELOPER}))
public class SchedulesServlet extends FunctionFormServlet {

    @Inject
    private ScheduleService schedules;

    @Override
    protected String act(HttpServletRequest request, Caller caller) {
        String function = Forms.required(request, "function");
        String schedule = Forms.required(request, "schedule");
        switch (Forms.required(request, "action")) {
            case "set" -> {
                String timezone = Forms.optional(request, "timezone");
                String event = Forms.optional(request, "event");
                schedules.put(
                        caller,
                        function,
                        schedule,
                        Forms.required(request, "cron"),
                        timezone.isEmpty() ? null : timezone,
                        event.isEmpty() ? null : event);
            }
            case "delete" -> schedules.delete(caller, function, schedule);
            default -> throw new FormException("action must be set or delete.");
        }
        return back(function, "schedules");
    }
}
