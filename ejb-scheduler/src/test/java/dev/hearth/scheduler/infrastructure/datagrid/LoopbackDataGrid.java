package dev.hearth.scheduler.infrastructure.datagrid;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Real Hazelcast members in this JVM that form one cluster over 127.0.0.1 and nothing else: TCP/IP
 * join to the first member's literal address, multicast, cloud auto-detection and phone-home off,
 * bound to the loopback interface only, under a cluster name of their own (so that no other grid
 * on the machine joins them).
 */
final class LoopbackDataGrid implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";

    private final String clusterName = "hearth-test-" + UUID.randomUUID();
    private final List<HazelcastInstance> members = new ArrayList<>();
    private int firstPort;

    /** Starts one more member, joined to the others. */
    HazelcastInstance startMember() {
        int port = freeLoopbackPort();
        if (members.isEmpty()) {
            firstPort = port;
        }
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config(port));
        members.add(member);
        return member;
    }

    private Config config(int port) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.partition.count", "11");
        config.getMetricsConfig().setEnabled(false);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(LOOPBACK);
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember(LOOPBACK + ":" + firstPort);
        return config;
    }

    private static int freeLoopbackPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        members.forEach(member -> member.getLifecycleService().terminate());
    }
}
