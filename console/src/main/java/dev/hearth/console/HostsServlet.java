package dev.hearth.console;

import dev.hearth.scheduler.application.PoolAdminService;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;

/** {@code /console/hosts}: the hosts, and their drain and undrain form (admins). */
@WebServlet("/hosts")
@ServletSecurity(@HttpConstraint(rolesAllowed = Role.ADMIN))
public class HostsServlet extends ConsoleServlet {

    @Inject
    private PoolAdminService pools;

    @Override
    protected String show(HttpServletRequest request, Caller caller, Viewer viewer) {
        return HostsPage.render(viewer, pools.hosts(caller));
    }

    @Override
    protected String act(HttpServletRequest request, Caller caller) {
        String draining = Forms.required(request, "draining");
        if (!draining.equals("true") && !draining.equals("false")) {
            throw new FormException("draining must be true or false.");
        }
        pools.drain(caller, Forms.required(request, "host"), Boolean.parseBoolean(draining));
        return "hosts";
    }
}
