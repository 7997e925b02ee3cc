package dev.hearth.console;

import dev.hearth.scheduler.application.FunctionService;
import dev.hearth.security.Caller;
import dev.hearth.security.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;

/** {@code /console/functions?q=&sort=&page=}: the caller's functions (an admin's: all). */
@WebServlet("/functions")
@ServletSecurity(@HttpConstraint(rolesAllowed = {Role.ADMIN, Role.DEVELOPER}))
public class FunctionsServlet extends ConsoleServlet {

    @Inject
    private FunctionService functions;

    @Override
    protected String show(HttpServletRequest request, Caller caller, Viewer viewer) {
        FunctionListing listing = FunctionListing.of(
                functions.list(caller),
                Forms.optional(request, "q"),
                FunctionListing.Sort.of(request.getParameter("sort")),
                Forms.page(request),
                FunctionListing.PAGE_SIZE);
        return FunctionsPage.render(viewer, listing);
    }
}
