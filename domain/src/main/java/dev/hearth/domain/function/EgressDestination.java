package dev.hearth.domain.function;

import dev.hearth.domain.network.DestinationGuard;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of an egress allow-list: {@code host:port}, where host is a DNS name, an IPv4 address
 * or a bracketed IPv6 address ({@code [2606:4700::1111]:443}). Whether Hearth may connect there is
 * the {@link DestinationGuard}'s decision: at upload by the entry as written (an address in any
 * notation by what it denotes, a name by the name rules), at connect time, the authority, by what
 * the name resolves to.
 */
public final class EgressDestination {

    public static final int MAX_DESTINATIONS = 16;

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[^\\]\\s]+\\]|[^:\\[\\]\\s]+):(\\d{1,5})");

    private EgressDestination() {}

    /**
     * The destination as the agent compares it with where a container connects: lower case, no
     * surrounding blanks, the port without leading zeros (as a connection names it).
     */
    public static String normalise(String destination) {
        return hostPort(destination)
                .map(hostPort -> hostPort.group(1) + ":" + Integer.parseInt(hostPort.group(2)))
                .orElseGet(() -> destination.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Why {@code destination} is not {@code host:port} at all, or empty: the form alone, which the
     * host agent checks too; whether Hearth may connect there is {@link #problem}'s question.
     */
    public static Optional<String> syntaxProblem(String destination) {
        return hostPort(destination).isPresent()
                ? Optional.empty()
                : Optional.of("egress destination '" + destination + "' is not host:port ([address]:port for IPv6)");
    }

    /** Why {@code destination} cannot be allowed, or empty when it can. */
    public static Optional<String> problem(String destination, DestinationGuard guard) {
        return hostPort(destination)
                .map(hostPort -> guard.problemAtUpload(hostPort.group(1), Integer.parseInt(hostPort.group(2)))
                        .map(problem -> "egress destination " + problem))
                .orElseGet(() -> syntaxProblem(destination));
    }

    private static Optional<Matcher> hostPort(String destination) {
        if (destination == null) {
            return Optional.empty();
        }
        Matcher hostPort = HOST_PORT.matcher(destination.strip().toLowerCase(Locale.ROOT));
        return hostPort.matches() ? Optional.of(hostPort) : Optional.empty();
    }
}
