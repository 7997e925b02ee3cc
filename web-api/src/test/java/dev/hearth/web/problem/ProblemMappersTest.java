package dev.hearth.web.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.ProblemType;
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

    private static Response map(ProblemType type, String detail) {
        return new HearthExceptionMapper().toResponse(new HearthException(type, detail), PATH);
    }

    /** What clients see of each kind of problem: type URI, title and status. */
    @Test
    void everyProblemTypeKeepsItsUriTitleAndStatus() {
        Map<ProblemType, String> expected = new java.util.LinkedHashMap<>();
        expected.put(ProblemType.INVALID_CODE, "invalid-code|Invalid code archive|400");
        expected.put(ProblemType.INVALID_EVENT, "invalid-event|Invalid invocation event|400");
        expected.put(ProblemType.POLICY_OVERRIDE_REFUSED, "policy-override-refused|Policy override refused|400");
        expected.put(ProblemType.INVALID_REQUEST, "invalid-request|Invalid request|400");
        expected.put(ProblemType.INVALID_SECRET, "invalid-secret|Invalid secret|400");
        expected.put(ProblemType.INVALID_SETTINGS, "invalid-settings|Invalid settings|400");
        expected.put(ProblemType.INVALID_SCHEDULE, "invalid-schedule|Invalid schedule|400");
        expected.put(
                ProblemType.CREDENTIAL_NEEDS_CALLER,
                "credential-needs-caller|The function needs its caller's credential|400");
        expected.put(ProblemType.INVALID_DATA_SET, "invalid-data-set|Invalid data set|400");
        expected.put(ProblemType.JOB_NOT_FOUND, "job-not-found|Job not found|404");
        expected.put(ProblemType.JOB_STATE_CONFLICT, "job-state-conflict|The job's state does not allow this|409");
        expected.put(ProblemType.UNAUTHENTICATED, "unauthenticated|Authentication required|401");
        expected.put(ProblemType.ACCESS_DENIED, "access-denied|Access denied|403");
        expected.put(ProblemType.FUNCTION_NOT_FOUND, "function-not-found|Function not found|404");
        expected.put(ProblemType.SECRET_NOT_FOUND, "secret-not-found|Secret not found|404");
        expected.put(ProblemType.ACTIVATION_NOT_FOUND, "activation-not-found|Activation not found|404");
        expected.put(ProblemType.DEAD_LETTER_NOT_FOUND, "dead-letter-not-found|Dead letter not found|404");
        expected.put(ProblemType.INSTANCE_NOT_FOUND, "instance-not-found|Instance not found|404");
        expected.put(ProblemType.HOST_NOT_FOUND, "host-not-found|Host not found|404");
        expected.put(ProblemType.SCHEDULE_NOT_FOUND, "schedule-not-found|Schedule not found|404");
        expected.put(ProblemType.ARCHIVE_NOT_FOUND, "archive-not-found|Archive not found|404");
        expected.put(ProblemType.JOB_EXECUTION_NOT_FOUND, "job-execution-not-found|Job execution not found|404");
        expected.put(ProblemType.QUOTA_EXCEEDED, "quota-exceeded|The owner has as many as they may|409");
        expected.put(
                ProblemType.FUNCTION_CHANGED, "function-changed|The function changed while the invocation started|409");
        expected.put(ProblemType.PAYLOAD_TOO_LARGE, "payload-too-large|Payload too large|413");
        expected.put(ProblemType.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type|Unsupported media type|415");
        expected.put(ProblemType.TOO_MANY_REQUESTS, "too-many-requests|Too many concurrent invocations|429");
        expected.put(ProblemType.ASYNC_QUEUE_FULL, "async-queue-full|Too many async invocations queued|429");
        expected.put(ProblemType.RECORDS_FULL, "records-full|The invocation sent all the records it may|429");
        expected.put(ProblemType.INTERNAL_ERROR, "internal-error|Internal server error|500");
        expected.put(ProblemType.HOST_UNAVAILABLE, "host-unavailable|Host unavailable|502");
        expected.put(ProblemType.SERVER_BUSY, "server-busy|Server busy|503");
        expected.put(ProblemType.CAPACITY_EXHAUSTED, "capacity-exhausted|No capacity|503");
        expected.put(ProblemType.DATA_SETS_BUSY, "data-sets-busy|Too many data sets being read|503");
        expected.put(ProblemType.NOT_OFFERED, "not-offered|No host offers what the function needs|503");
        expected.put(ProblemType.IDENTITY_PROVIDER_UNAVAILABLE, "about:blank|Service Unavailable|503");
        assertEquals(ProblemType.values().length - 1, expected.size(), "every type but HTTP_STATUS is listed");

        expected.forEach((type, row) -> {
            String[] uriTitleStatus = row.split("\\|");
            String uri = uriTitleStatus[0].equals("about:blank")
                    ? "about:blank"
                    : "https://hearth.dev/problems/" + uriTitleStatus[0];
            Response response = map(type, "it went wrong");
            assertProblem(response, Integer.parseInt(uriTitleStatus[2]), uri, "it went wrong");
            assertEquals(uriTitleStatus[1], body(response).getString("title"), type.name());
        });
    }

    @Test
    void invalidCodeListsEveryProblem() {
        Response response = new HearthExceptionMapper()
                .toResponse(HearthException.invalidCode(List.of("hearth.json is missing", "../x escapes")), PATH);

        assertProblem(
                response,
                400,
                "https://hearth.dev/problems/invalid-code",
                "The code archive has 2 problems; see errors.");
        assertEquals(
                List.of("hearth.json is missing", "../x escapes"),
                body(response).getJsonArray("errors").getValuesAs(JsonString::getString));

        Response one = new HearthExceptionMapper()
                .toResponse(HearthException.invalidCode(List.of("hearth.json is missing")), PATH);
        assertEquals(
                "The code archive has a problem: hearth.json is missing",
                body(one).getString("detail"));
    }

    @Test
    void aRefusedOverrideListsEveryField() {
        Response response = new HearthExceptionMapper()
                .toResponse(HearthException.policyOverrideRefused(List.of("memoryMb 512 > 256", "tmpMb 0 < 1")), PATH);

        assertProblem(
                response,
                400,
                "https://hearth.dev/problems/policy-override-refused",
                "The invocation asks for more than the function's policy allows: memoryMb 512 > 256; tmpMb 0 < 1");
        assertEquals(
                List.of("memoryMb 512 > 256", "tmpMb 0 < 1"),
                body(response).getJsonArray("errors").getValuesAs(JsonString::getString));
    }

    @Test
    void problemsWithOneDetailCarryNoErrors() {
        assertFalse(
                body(map(ProblemType.FUNCTION_NOT_FOUND, "no function hello")).containsKey("errors"));
    }

    @Test
    void capacityExhaustedAndTooManyRequestsSayWhenToRetry() {
        assertEquals("1", map(ProblemType.CAPACITY_EXHAUSTED, "pool empty").getHeaderString(HttpHeaders.RETRY_AFTER));
        assertEquals(
                "1",
                map(ProblemType.TOO_MANY_REQUESTS, "more than 16 invocations of 'f'")
                        .getHeaderString(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void aDataSetRefusedWhileOthersAreReadSaysWhenToRetry() {
        Response response = map(ProblemType.DATA_SETS_BUSY, "the server is reading 2 data sets already");

        assertProblem(
                response,
                503,
                "https://hearth.dev/problems/data-sets-busy",
                "the server is reading 2 data sets already");
        assertEquals("5", response.getHeaderString(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void whatNoHostOffersIsNotWorthRetrying() {
        Response response = map(ProblemType.NOT_OFFERED, "no healthy host offers runtime python3 with isolation vm");

        assertEquals(503, response.getStatus());
        assertEquals(null, response.getHeaderString(HttpHeaders.RETRY_AFTER));
    }

    @Test
    void aRejectedCredentialIsToldItsTokenIsInvalid() {
        Response response = map(ProblemType.UNAUTHENTICATED, "this token was not minted for an invocation");

        assertEquals(
                "Bearer realm=\"hearth\", error=\"invalid_token\"",
                response.getHeaderString(HttpHeaders.WWW_AUTHENTICATE));
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
                HearthException.class, new HearthExceptionMapper(),
                Throwable.class, new UnexpectedExceptionMapper()));

        Response notFound = mapper.toResponse(new EJBException(
                new EJBException(new HearthException(ProblemType.FUNCTION_NOT_FOUND, "no function hello"))));
        assertEquals(404, notFound.getStatus());
        assertEquals("no function hello", body(notFound).getString("detail"));

        Response busy =
                mapper.toResponse(new EJBException(new HearthException(ProblemType.CAPACITY_EXHAUSTED, "pool empty")));
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
