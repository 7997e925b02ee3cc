package dev.hearth.console;

import dev.hearth.scheduler.application.PoolAdminService;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;

/** {@code /console/instances}: every instance, and its destroy form (admins). */
@WebServlet("/instances")
@ServletSecurity(@HttpConstraint(rolesAllowed = Role.ADMIN))
public class InstancesServlet extends ConsoleServlet {

    @Inject
    private PoolAdminService pools;

    @Override
    protected String show(HttpServletRequest request, Caller caller, Viewer viewer) {
        return InstancesPage.render(viewer, pools.instances(caller), Instant.now());
    }

    @Override
    protected String act(HttpServletRequest request, Caller caller) {
        pools.destroyInstance(caller, Forms.required(request, "instance"));
        return "instances";
    }
}
