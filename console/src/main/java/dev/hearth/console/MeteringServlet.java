package dev.hearth.console;

import dev.hearth.scheduler.application.MeteringJob;
import dev.hearth.scheduler.application.MeteringService;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * {@code /console/metering}: the activation retention and its form, the archives, the last day's
 * usage of everyone, and a run-now form per metering job (admins); after a run the page names the
 * started execution ({@code ?started=JOB&execution=ID}).
 */
@WebServlet("/metering")
@ServletSecurity(@HttpConstraint(rolesAllowed = Role.ADMIN))
public class MeteringServlet extends ConsoleServlet {

    private static final Duration USAGE_SPAN = Duration.ofDays(1);

    @Inject
    private MeteringService metering;

    @Override
    protected String show(HttpServletRequest request, Caller caller, Viewer viewer) {
        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS);
        return MeteringPage.render(
                viewer,
                metering.retentionDays(caller),
                metering.archives(caller),
                metering.usage(caller, to.minus(USAGE_SPAN), to, Optional.empty()),
                started(request));
    }

    @Override
    protected String act(HttpServletRequest request, Caller caller) {
        switch (Forms.required(request, "action")) {
            case "retention" -> {
                metering.changeRetentionDays(caller, Forms.integer(request, "retentionDays"));
                return "metering";
            }
            case "run" -> {
                String id = Forms.required(request, "job");
                MeteringJob job = MeteringJob.byId(id)
                        .orElseThrow(
                                () -> new FormException("job must be retention or usage-rollup, not \"" + id + "\"."));
                long execution = metering.runNow(caller, job);
                return "metering?started=" + job.id() + "&execution=" + execution;
            }
            default -> throw new FormException("action must be retention or run.");
        }
    }

    /** "Started JOB: execution ID." after a run-now form; empty otherwise, or when the query is not one. */
    private static Optional<String> started(HttpServletRequest request) {
        Optional<MeteringJob> job =
                Optional.ofNullable(request.getParameter("started")).flatMap(MeteringJob::byId);
        String execution = request.getParameter("execution");
        if (job.isEmpty() || execution == null || !execution.matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return Optional.of("Started job " + job.get().id() + ": execution " + execution + ".");
    }
}
