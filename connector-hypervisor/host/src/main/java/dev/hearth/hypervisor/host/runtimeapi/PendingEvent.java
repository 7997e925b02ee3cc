package dev.hearth.hypervisor.host.runtimeapi;

import java.security.SecureRandom;
import java.util.HexFormat;

/** An event handed to the runtime by {@code /runtime/invocation/next}. */
public record PendingEvent(
        String requestId, String event, long deadlineEpochMillis, String functionArn, String traceId) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** An invocation's event with a new X-Ray style trace id; a missing body is {@code {}}. */
    public static PendingEvent of(String requestId, String event, long deadlineEpochMillis, String functionArn) {
        return new PendingEvent(
                requestId, event == null ? "{}" : event, deadlineEpochMillis, functionArn, newTraceId());
    }

    /** The ARN a runtime is told it serves, in AWS Lambda's form. */
    public static String functionArn(String functionName) {
        return "arn:aws:lambda:hearth:000000000000:function:" + functionName;
    }

    private static String newTraceId() {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-"
                + HexFormat.of().formatHex(random) + ";Sampled=0";
    }
}
