package dev.hearth.console;

import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.MeteringService;
import dev.hearth.security.Role;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** {@code /console/archive?day=YYYY-MM-DD}: downloads a day's activation archive (admins), as the API does. */
@WebServlet("/archive")
@ServletSecurity(@HttpConstraint(rolesAllowed = Role.ADMIN))
public class ArchiveServlet extends HttpServlet {

    @Inject
    private MeteringService metering;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] archive;
        LocalDate day;
        try {
            day = day(Forms.required(request, "day"));
            archive = metering.archive(SignedInCaller.of(request), day);
        } catch (HearthException | FormException e) {
            ConsoleServlet.refused(response, e);
            return;
        }
        response.setContentType(metering.archiveMediaType());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + metering.archiveFileName(day) + "\"");
        response.setContentLength(archive.length);
        response.getOutputStream().write(archive);
    }

    private static LocalDate day(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new FormException("day must be a date (YYYY-MM-DD), not \"" + value + "\".");
        }
    }
}
