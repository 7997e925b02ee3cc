package dev.hearth.web.api;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;

/**
 * Begins an API request's {@link RequestMemory} claim, naming its caller by the principal the
 * request has when its body or answer is claimed (authenticated by then), and gives it back once
 * its answer is written.
 */
@WebFilter("/api/*")
public class RequestMemoryFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestMemory.begin(() -> Optional.ofNullable(((HttpServletRequest) request).getUserPrincipal())
                .map(Principal::getName)
                .orElse(""));
        try {
            chain.doFilter(request, response);
        } finally {
            RequestMemory.end();
        }
    }
}
