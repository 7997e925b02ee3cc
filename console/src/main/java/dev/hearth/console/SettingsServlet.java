package dev.hearth.console;

import dev.hearth.scheduler.application.PoolAdminService;
import dev.hearth.scheduler.application.SchedulerSettings;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Arrays;

/**
 * {@code /console/settings}: the scheduler's settings and their form (admins); the settings'
 * own rules (limits at least 1, the queue wait up to a minute, private networks only) refuse bad values.
 */
@WebServlet("/settings")
@ServletSecurity(@HttpConstraint(rolesAllowed = Role.ADMIN))
public class SettingsServlet extends ConsoleServlet {

    @Inject
    private PoolAdminService pools;

    @Override
    protected String show(HttpServletRequest request, Caller caller, Viewer viewer) {
        return SettingsPage.render(viewer, pools.settings(caller));
    }

    @Override
    protected String act(HttpServletRequest request, Caller caller) {
        pools.changeSettings(
                caller,
                new SchedulerSettings(
                        Duration.ofSeconds(Forms.wholeNumber(request, "keepAliveSeconds")),
                        Forms.integer(request, "maxConcurrentPerFunction"),
                        Forms.integer(request, "maxConcurrentPerUser"),
                        Duration.ofMillis(Forms.wholeNumber(request, "queueWaitMillis")),
                        Arrays.stream(Forms.optional(request, "allowedPrivateNetworks")
                                        .split("\\R"))
                                .filter(line -> !line.isBlank())
                                .toList()));
        return "settings";
    }
}
