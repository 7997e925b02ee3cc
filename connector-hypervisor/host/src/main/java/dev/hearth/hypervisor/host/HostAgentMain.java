package dev.hearth.hypervisor.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** {@code java -jar hearth-host-agent-all.jar --secret-file F [...]}; {@code --help} lists the options. */
public final class HostAgentMain {

    private HostAgentMain() {}

    public static void main(String[] args) throws InterruptedException {
        List<String> arguments = Arrays.asList(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(AgentConfig.help());
            return;
        }
        try {
            AgentConfig config = AgentConfig.parse(arguments, System.getenv(), localHostName());
            HostAgent agent = HostAgent.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "agent-shutdown"));
            System.out.println("hearth-agent ready on " + agent.url());
            Thread.currentThread().join();
        } catch (AgentConfig.ConfigException | HostAgent.StartException e) {
            System.err.println("hearth-agent: " + e.getMessage());
            System.exit(2);
        }
    }

    /** The kernel's host name: no name lookup, so no DNS query at start. */
    private static String localHostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
