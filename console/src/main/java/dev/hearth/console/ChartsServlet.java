package dev.hearth.console;

import dev.hearth.console.Dashboard.PoolRow;
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

/** {@code /console/charts}: the overview's charts as they are now, an HTML fragment its script swaps in. */
@WebServlet("/charts")
@ServletSecurity(@HttpConstraint(rolesAllowed = {Role.ADMIN, Role.DEVELOPER}))
public class ChartsServlet extends ConsoleServlet {

    @Inject
    private MeteringService metering;

    @Inject
    private PoolAdminService pools;

    @Override
    protected String show(HttpServletRequest request, Caller caller, Viewer viewer) {
        Instant now = Instant.now();
        boolean admin = caller.isAdmin();
        return OverviewCharts.render(
                metering.lastHour(caller, now),
                admin ? Optional.of(metering.occupancyLastHour(caller, now)) : Optional.empty(),
                admin ? PoolRow.of(pools.pools(caller), pools.instances(caller)) : List.of());
    }
}
