package dev.hearth.web.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

/** What every problem mapper needs: the request's path, which becomes the problem's instance. */
abstract class ProblemMapperSupport {

    @Context
    private UriInfo uriInfo;

    String instance() {
        return uriInfo == null ? null : uriInfo.getRequestUri().getRawPath();
    }
}
