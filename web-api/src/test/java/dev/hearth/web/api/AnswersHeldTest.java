package dev.hearth.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hearth.domain.function.LogDestination;
import dev.hearth.domain.function.PolicyOverride;
import dev.hearth.scheduler.application.HearthException;
import dev.hearth.scheduler.application.InvocationOutcome;
import dev.hearth.scheduler.application.InvocationService;
import dev.hearth.scheduler.application.JsonText;
import dev.hearth.scheduler.application.ProblemType;
import dev.hearth.security.Caller;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The answers a member holds until their clients have read them are bounded per user and per
 * member (docs/adr/0056): a read finds room or is refused, an invocation's answer is held whatever
 * the room, and an invocation is refused before it runs when its caller's share is full.
 */
class AnswersHeldTest {

    private static final long BUDGET = 128L << 20;
    private static final int MIB = 1 << 20;
    /** About the most a function may answer (6 MiB). */
    private static final int LARGEST = 6 << 20;

    private final List<Request> requests = new ArrayList<>();
    private final AtomicInteger ran = new AtomicInteger();

    @AfterEach
    void requestsEnd() throws Exception {
        for (Request request : requests) {
            request.end();
        }
        assertEquals(BUDGET, RequestMemory.ANSWERS.free(), "the room came back");
    }

    @Test
    void oneUsersReadsHoldAtMostTheirShareAndTheRoomComesBackWhenTheRequestEnds() throws Exception {
        Request first = reading("dev", 10 * MIB);
        first.run(() -> JsonTextBodies.of(List.of(document(5 * MIB), document(5 * MIB))));
        first.run(() -> JsonTextBodies.of(document(64 << 10))); // small: counts nothing
        long freeWhileHeld = RequestMemory.ANSWERS.free();

        HearthException refused = request("dev").refused(() -> JsonTextBodies.of(document(5 * MIB)));
        assertEquals(ProblemType.SERVER_BUSY, refused.type());
        assertEquals(503, refused.type().status());
        assertEquals(
                "Your answers not yet read hold as much as one user's may at once (24 MiB); read them (or close"
                        + " their connections), then retry.",
                refused.getMessage());
        assertEquals(BUDGET - 20 * MIB, freeWhileHeld);
        reading("dev2", 5 * MIB); // another user's share

        first.end();
        reading("dev", 5 * MIB);
        assertEquals(BUDGET - 10 * MIB, RequestMemory.ANSWERS.free());
    }

    @Test
    void theUsersTogetherHoldAtMostTheMembersBudget() throws Exception {
        for (int user = 0; user < 6; user++) {
            reading("dev" + user, 20 * MIB);
        }

        HearthException refused = request("dev6").refused(() -> JsonTextBodies.of(document(20 * MIB)));
        assertEquals(ProblemType.SERVER_BUSY, refused.type());
        assertEquals(
                "The server holds as many answers not yet read as it may at once; retry soon.", refused.getMessage());
        assertEquals(BUDGET - 120 * MIB, RequestMemory.ANSWERS.free());
    }

    @Test
    void aDocumentLargerThanTheShareIsReadWhenItsUserHoldsNothingElse() throws Exception {
        Request other = reading("dev", MIB);

        assertEquals(
                ProblemType.SERVER_BUSY,
                request("dev")
                        .refused(() -> JsonTextBodies.of(document(30 * MIB)))
                        .type());
        other.end();
        reading("dev", 30 * MIB);
        assertEquals(BUDGET - 30 * MIB, RequestMemory.ANSWERS.free());
    }

    @Test
    void anInvocationIsRefusedBeforeItRunsOnceItsCallersUnreadAnswersFillTheirShare() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertEquals(200, request("dev").run(() -> invoke(LARGEST)).getStatus());
        }
        assertEquals(4, ran.get());

        HearthException refused = request("dev").refused(() -> invoke(10));
        assertEquals(ProblemType.SERVER_BUSY, refused.type());
        assertEquals(OptionalInt.of(1), refused.type().retryAfterSeconds());
        assertEquals(4, ran.get(), "the refused invocation did not run");
        assertEquals(200, request("dev2").run(() -> invoke(10)).getStatus(), "another user invokes as before");

        requests.get(0).end();
        assertEquals(200, request("dev").run(() -> invoke(10)).getStatus(), "an answer read makes room");
        assertEquals(6, ran.get());
    }

    @Test
    void anInvocationsAnswerIsHeldOverTheBudgetAndTheNextWaits() throws Exception {
        for (int user = 0; user < 6; user++) {
            reading("dev" + user, 20 * MIB);
        }
        request("dev6").run(() -> invoke(LARGEST));
        request("dev7").run(() -> invoke(LARGEST)); // the budget had room when it began

        assertEquals(BUDGET - 120 * MIB - 2 * LARGEST, RequestMemory.ANSWERS.free(), "held over the budget");
        HearthException refused = request("dev8").refused(() -> invoke(10));
        assertEquals(
                "The server holds as many answers not yet read as it may at once; retry soon.", refused.getMessage());
        assertEquals(2, ran.get());
    }

    @Test
    void oneUsersAnswersHeldBeyondTheirShareStopThatUserAlone() {
        HeldBytes answers = new HeldBytes(BUDGET, 24 * MIB, "answers not yet read", "read them");
        // 25 invocations of one user that passed the gate at once, each answering the most a function may:
        for (int i = 0; i < 25; i++) {
            answers.hold("dev", LARGEST);
        }

        assertEquals(
                ProblemType.SERVER_BUSY,
                assertThrows(HearthException.class, () -> answers.requireRoom("dev"))
                        .type());
        answers.requireRoom("dev2");
        answers.claim("dev2", 20 * MIB);
        assertEquals(BUDGET - 25 * LARGEST - 20 * MIB, answers.free(), "all of it is held");
        for (int i = 0; i < 5; i++) {
            answers.hold("dev", LARGEST); // 200 MiB in all: past half the budget more than it
        }
        assertThrows(HearthException.class, () -> answers.requireRoom("dev3"), "then everyone waits");
        for (int i = 0; i < 5; i++) {
            answers.giveBack("dev", LARGEST);
        }
        answers.requireRoom("dev3");

        for (int i = 0; i < 25; i++) {
            answers.giveBack("dev", LARGEST);
        }
        answers.giveBack("dev2", 20 * MIB);
        assertEquals(BUDGET, answers.free());
        answers.claim("dev", BUDGET); // the member holds nothing: counted from nothing again
    }

    /** A document inlining {@code chars} characters of a function's text. */
    private static InvocationResult document(int chars) {
        return new InvocationResult(
                "a-1", "success", "warm", new JsonText("\"" + "x".repeat(chars - 2) + "\""), 1, 0, 1);
    }

    /** A synchronous invocation through the resource, of a function that answers {@code chars} characters. */
    private Response invoke(int chars) throws Exception {
        InvocationResource resource = new InvocationResource();
        Field invocations = InvocationResource.class.getDeclaredField("invocations");
        invocations.setAccessible(true);
        invocations.set(resource, new InvocationService() {
            @Override
            public InvocationOutcome invoke(
                    Caller caller, String name, String event, PolicyOverride override, LogDestination logs) {
                ran.incrementAndGet();
                return new InvocationOutcome(
                        DtoConversionTest.activation("success"), "\"" + "x".repeat(chars - 2) + "\"");
            }

            @Override
            public InvocationOutcome invokeDeferred(
                    Caller caller, String name, String functionId, String event, String activationId) {
                throw new AssertionError("not deferred");
            }
        });
        byte[] event = "{}".getBytes(StandardCharsets.UTF_8);
        HttpHeaders headers = (HttpHeaders) Proxy.newProxyInstance(
                HttpHeaders.class.getClassLoader(), new Class<?>[] {HttpHeaders.class}, (proxy, method, args) -> {
                    assertEquals("getLength", method.getName());
                    return event.length;
                });
        return resource.invoke(
                "f",
                null,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                null,
                headers,
                null,
                new ByteArrayInputStream(event));
    }

    /** A request of {@code user} that reads a document inlining {@code chars} characters, not yet written. */
    private Request reading(String user, int chars) throws Exception {
        Request request = request(user);
        request.run(() -> JsonTextBodies.of(document(chars)));
        return request;
    }

    private Request request(String user) throws Exception {
        Request request = new Request(user);
        requests.add(request);
        return request;
    }

    /** A request of one user on its own thread, as Payara serves it, until it ends. */
    private static final class Request {
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private boolean ended;

        Request(String user) throws Exception {
            run(() -> {
                RequestMemory.begin(() -> user);
                return null;
            });
        }

        <T> T run(Callable<T> work) throws Exception {
            try {
                return thread.submit(work).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }

        HearthException refused(Callable<?> work) {
            return assertInstanceOf(HearthException.class, assertThrows(Exception.class, () -> run(work)));
        }

        /** Its answer has been written: what it held is given back. */
        void end() throws Exception {
            if (!ended) {
                ended = true;
                run(() -> {
                    RequestMemory.end();
                    return null;
                });
                thread.shutdown();
            }
        }
    }
}
