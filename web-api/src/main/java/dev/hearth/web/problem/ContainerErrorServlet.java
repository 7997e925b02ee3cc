package dev.hearth.web.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The error page (see {@code web.xml}) for the 401 and 403 that the container sends before JAX-RS
 * runs, as when the MP-JWT mechanism rejects an invalid or expired token: they get a problem body
 * too. Requested directly, it answers 404.
 */
@WebServlet(urlPatterns = ContainerErrorServlet.PATH)
public class ContainerErrorServlet extends HttpServlet {

    static final String PATH = "/container-error";

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Problem problem = status instanceof Integer code
                ? HttpStatusProblems.of(code, path == null ? null : path.toString())
                : HttpStatusProblems.of(HttpServletResponse.SC_NOT_FOUND, request.getRequestURI());
        response.setStatus(problem.status());
        if (problem.status() == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, HttpStatusProblems.BEARER_CHALLENGE);
        }
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(problem.toJson());
    }
}
