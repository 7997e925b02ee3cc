package dev.hearth.console;

import dev.hearth.console.Dashboard.FunctionRow;
import dev.hearth.console.Dashboard.PoolRow;
import dev.hearth.scheduler.application.ActivationService;
import dev.hearth.scheduler.application.FunctionService;
import dev.hearth.scheduler.application.MeteringService;
import dev.hearth.scheduler.application.PoolAdminService;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The overview at {@code /console/}: for admins and developers; invokers get 403. */
@WebServlet("")
@ServletSecurity(@HttpConstraint(rolesAllowed = {Role.ADMIN, Role.DEVELOPER}))
public class DashboardServlet extends ConsoleServlet {

    /** Activations shown per function. */
    static final int LATEST_ACTIVATIONS = 3;

    @Inject
    private FunctionService functions;

    @Inject
    private ActivationService activations;

    @Inject
    private PoolAdminService pools;

    @Inject
    private MeteringService metering;

    @Override
    protected String show(HttpServletRequest request, Caller caller, Viewer viewer) {
        List<FunctionRow> rows = functions.list(caller).stream()
                .map(function -> new FunctionRow(
                        function, activations.listForFunction(caller, function.name(), LATEST_ACTIVATIONS)))
                .toList();
        boolean admin = caller.isAdmin();
        Instant now = Instant.now();
        return DashboardPage.render(new Dashboard(
                viewer,
                metering.lastHour(caller, now),
                admin ? Optional.of(metering.occupancyLastHour(caller, now)) : Optional.empty(),
                rows,
                admin ? PoolRow.of(pools.pools(caller), pools.instances(caller)) : List.of(),
                admin ? pools.hosts(caller) : List.of()));
    }
}
