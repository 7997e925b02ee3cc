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

/** {@code /console/pools}: the warming pools, their "set target" form and the last hour's hit rates (admins). */
@WebServlet("/pools")
@ServletSecurity(@HttpConstraint(rolesAllowed = Role.ADMIN))
public class PoolsServlet extends ConsoleServlet {

    @Inject
    private PoolAdminService pools;

    @Inject
    private MeteringService metering;

    @Override
    protected String show(HttpServletRequest request, Caller caller, Viewer viewer) {
        return PoolsPage.render(
                viewer,
                PoolRow.of(pools.pools(caller), pools.instances(caller)),
                metering.startsLastHour(caller, Instant.now()));
    }

    @Override
    protected String act(HttpServletRequest request, Caller caller) {
        pools.setPool(
                caller,
                Forms.required(request, "runtime"),
                Forms.integer(request, "warmingTarget"),
                Forms.integer(request, "maxPerHost"));
        return "pools";
    }
}
