package dev.hearth.web.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.scheduler.application.AccessDeniedException;
import dev.hearth.scheduler.application.ActivationNotFoundException;
import dev.hearth.scheduler.application.CapacityExhaustedException;
import dev.hearth.scheduler.application.FunctionNotFoundException;
import dev.hearth.scheduler.application.HostUnavailableException;
import dev.hearth.scheduler.application.InvalidCodeException;
import dev.hearth.scheduler.application.InvalidEventException;
import dev.hearth.scheduler.application.InvalidSecretException;
import dev.hearth.scheduler.application.NotOfferedException;
import dev.hearth.scheduler.application.SecretNotFoundException;
import dev.hearth.scheduler.application.TooManyRequestsException;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Providers;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    private static final String PATH = "/api/v1/functions/hello";

    private static JsonObject body(Response response) {
        assertEquals(Problem.MEDIA, response.getMediaType());
        return Json.createReader(new StringReader((String) response.getEntity()))
                .readObject();
    }

    private static void assertProblem(Response response, int status, String type, String detail) {
        assertEquals(status, response.getStatus());
        JsonObject problem = body(response);
        assertEquals(type, problem.getString("type"));
        assertEquals(status, problem.getInt("status"));
        assertFalse(problem.getString("title").isBlank());
        assertEquals(detail, problem.getString("detail"));
        assertEquals(PATH, problem.getString("instance"));
    }

    @Test
    void applicationExceptionsKeepTheirMessageAsDetail() {
        assertProblem(
                new FunctionNotFoundMapper().toResponse(new FunctionNotFoundException("no function hello"), PATH),
                404,
                "https://hearth.dev/problems/function-not-found",
                "no function hello");
        assertProblem(
                new SecretNotFoundMapper().toResponse(new SecretNotFoundException("no secret api_key"), PATH),
                404,
                "https://hearth.dev/problems/secret-not-found",
                "no secret api_key");
        assertProblem(
                new InvalidSecretMapper().toResponse(new InvalidSecretException("bad name"), PATH),
                400,
                "https://hearth.dev/problems/invalid-secret",
                "bad name");
        assertProblem(
                new ActivationNotFoundMapper().toResponse(new ActivationNotFoundException("no activation a1"), PATH),
                404,
                "https://hearth.dev/problems/activation-not-found",
                "no activation a1");
        assertProblem(
                new AccessDeniedMapper().toResponse(new AccessDeniedException("hello belongs to dev2"), PATH),
                403,
                "https://hearth.dev/problems/access-denied",
                "hello belongs to dev2");
        assertProblem(
                new InvalidEventMapper().toResponse(new InvalidEventException("event is not JSON"), PATH),
                400,
                "https://hearth.dev/problems/invalid-event",
                "event is not JSON");
        assertProblem(
                new HostUnavailableMapper().toResponse(new HostUnavailableException("host h1 refused"), PATH),
                502,
                "https://hearth.dev/problems/host-unavailable",
                "host h1 refused");
    }

    @Test
    void invalidCodeListsEveryProblem() {
        Response response = new InvalidCodeMapper()
                .toResponse(new InvalidCodeException(List.of("hearth.json is missing", "../x escapes")), PATH);

        assertProblem(
                response,
                400,
                "https://hearth.dev/problems/invalid-code",
                "The code archive has 2 problems; see errors.");
        assertEquals(
                List.of("hearth.json is missing", "../x escapes"),
                body(response).getJsonArray("errors").getValuesAs(JsonString::getString));
    }

    @Test
    void capacityExhaustedSaysWhenToRetry() {
        Response response =
                new CapacityExhaustedMapper().toResponse(new CapacityExhaustedException("pool empty"), PATH);

        assertProblem(response, 503, "https://hearth.dev/problems/capacity-exhausted", "pool empty");
        assertEquals("1", response.getHeaderString(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void whatNoHostOffersIsNotWorthRetrying() {
        Response response = new NotOfferedMapper()
                .toResponse(new NotOfferedException("no healthy host offers runtime python3 with isolation vm"), PATH);

        assertProblem(
                response,
                503,
                "https://hearth.dev/problems/not-offered",
                "no healthy host offers runtime python3 with isolation vm");
        assertEquals(null, response.getHeaderString(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void tooManyRequestsSaysWhenToRetry() {
        Response response = new TooManyRequestsMapper()
                .toResponse(new TooManyRequestsException("more than 16 invocations of 'f'"), PATH);

        assertProblem(
                response, 429, "https://hearth.dev/problems/too-many-requests", "more than 16 invocations of 'f'");
        assertEquals("1", response.getHeaderString(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void webApplicationExceptionsKeepStatusAndHeadersButNotTheirMessage() {
        WebApplicationExceptionMapper mapper = new WebApplicationExceptionMapper();

        Response notAllowed = mapper.toResponse(new NotAllowedException("GET", new String[] {"PUT"}), PATH);
        assertEquals(405, notAllowed.getStatus());
        assertTrue(notAllowed.getHeaderString(HttpHeaders.ALLOW).contains("PUT"));
        assertEquals("about:blank", body(notAllowed).getString("type"));
        assertEquals("Method Not Allowed", body(notAllowed).getString("title"));

        Response unsupported = mapper.toResponse(new NotSupportedException(), PATH);
        assertEquals(415, unsupported.getStatus());
        assertEquals(
                "https://hearth.dev/problems/unsupported-media-type",
                body(unsupported).getString("type"));

        Response forbidden = mapper.toResponse(new ForbiddenException("Caller not in requested role"), PATH);
        assertEquals(403, forbidden.getStatus());
        assertEquals("Your roles do not allow this operation.", body(forbidden).getString("detail"));
    }

    @Test
    void unauthenticatedRequestsAreToldToSendABearerToken() {
        Response response = new WebApplicationExceptionMapper()
                .toResponse(
                        new NotAuthorizedException(
                                "Authentication failed with status NOT_DONE",
                                Response.status(401).build()),
                        PATH);

        assertEquals(401, response.getStatus());
        assertEquals(
                "https://hearth.dev/problems/unauthenticated", body(response).getString("type"));
        assertEquals(HttpStatusProblems.BEARER_CHALLENGE, response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
        assertFalse(body(response).getString("detail").contains("NOT_DONE"));
    }

    @Test
    void unexpectedErrorsShowNoInternals() {
        Response response = new UnexpectedExceptionMapper()
                .toResponse(new IllegalStateException("password=s3cret at db.internal:5432"), PATH);

        assertEquals(500, response.getStatus());
        JsonObject problem = body(response);
        assertEquals("https://hearth.dev/problems/internal-error", problem.getString("type"));
        assertFalse(problem.toString().contains("s3cret"));
        assertFalse(problem.toString().contains("IllegalStateException"));
        assertFalse(problem.getString("errorId").isBlank());
    }

    @Test
    void wrappedApplicationExceptionsMapToTheirOwnStatus() {
        EjbExceptionMapper mapper = new EjbExceptionMapper();
        mapper.providers = new MapperRegistry(Map.of(
                FunctionNotFoundException.class, new FunctionNotFoundMapper(),
                CapacityExhaustedException.class, new CapacityExhaustedMapper(),
                Throwable.class, new UnexpectedExceptionMapper()));

        Response notFound = mapper.toResponse(
                new EJBException(new EJBException(new FunctionNotFoundException("no function hello"))));
        assertEquals(404, notFound.getStatus());
        assertEquals("no function hello", body(notFound).getString("detail"));

        Response busy = mapper.toResponse(new EJBException(new CapacityExhaustedException("pool empty")));
        assertEquals(503, busy.getStatus());

        assertEquals(
                500,
                mapper.toResponse(new EJBException("transaction rolled back")).getStatus());
        assertEquals(
                403, mapper.toResponse(new EJBAccessException("not in role")).getStatus());
    }

    @Test
    void problemsWithoutOwnTypeUseTheStatusPhraseAsTitle() {
        Problem problem = new Problem(ProblemType.HTTP_STATUS, 404, null, null);

        JsonObject json = Json.createReader(new StringReader(problem.toJson())).readObject();
        assertEquals("about:blank", json.getString("type"));
        assertEquals("Not Found", json.getString("title"));
        assertFalse(json.containsKey("detail"));
        assertFalse(json.containsKey("instance"));
    }

    @Test
    void theOpenApiSchemaNamesEveryMemberThatProblemsCarry() {
        List<String> documented = java.util.Arrays.stream(ProblemDocument.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName)
                .toList();
        JsonObject rich = Json.createReader(new StringReader(new Problem(ProblemType.INVALID_CODE, 400, "d", PATH)
                        .with("errors", Json.createArrayBuilder().add("e").build())
                        .with("errorId", Json.createValue("x"))
                        .toJson()))
                .readObject();
        assertTrue(documented.containsAll(rich.keySet()), () -> rich.keySet() + " vs " + documented);
    }

    /** The exception-mapper lookup of JAX-RS: the mapper of the nearest superclass. */
    private record MapperRegistry(Map<Class<?>, ExceptionMapper<?>> mappers) implements Providers {

        @Override
        @SuppressWarnings("unchecked")
        public <T extends Throwable> ExceptionMapper<T> getExceptionMapper(Class<T> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                if (mappers.containsKey(c)) {
                    return (ExceptionMapper<T>) mappers.get(c);
                }
            }
            return null;
        }

        @Override
        public <T> MessageBodyReader<T> getMessageBodyReader(
                Class<T> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> MessageBodyWriter<T> getMessageBodyWriter(
                Class<T> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> ContextResolver<T> getContextResolver(Class<T> contextType, MediaType mediaType) {
            throw new UnsupportedOperationException();
        }
    }
}
