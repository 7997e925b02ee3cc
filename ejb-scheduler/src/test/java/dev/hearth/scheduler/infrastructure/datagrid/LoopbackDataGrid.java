package dev.hearth.scheduler.infrastructure.datagrid;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
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

    /**
     * Starts one more member that holds data but cannot load Hearth's classes, as Payara's DAS in
     * the data grid of several members: nothing of Hearth's may run on it. Returns once it owns
     * partitions and they have moved, so that the keys it owns stay its own.
     */
    HazelcastInstance startMemberWithoutHearth() throws InterruptedException {
        Config config = config(freeLoopbackPort());
        config.setClassLoader(new WithoutHearthClasses());
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        members.add(member);
        PartitionService partitions = member.getPartitionService();
        while (!partitions.isClusterSafe()
                || partitions.getPartitions().stream().noneMatch(p -> ownedBy(p, member))) {
            Thread.sleep(50);
        }
        return member;
    }

    /** A key {@code prefix} + a number whose entry {@code member} owns. */
    static String keyOwnedBy(HazelcastInstance member, String prefix) {
        for (int n = 0; ; n++) {
            String key = prefix + n;
            if (ownedBy(member.getPartitionService().getPartition(key), member)) {
                return key;
            }
        }
    }

    private static boolean ownedBy(Partition partition, HazelcastInstance member) {
        return partition.getOwner() != null && partition.getOwner().localMember();
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

    /** Hazelcast's and Java's classes, none of Hearth's. */
    private static final class WithoutHearthClasses extends ClassLoader {

        WithoutHearthClasses() {
            super(LoopbackDataGrid.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("dev.hearth.")) {
                throw new ClassNotFoundException(name + " (a grid member without Hearth)");
            }
            return super.loadClass(name, resolve);
        }
    }

    @Override
    public void close() {
        members.forEach(member -> member.getLifecycleService().terminate());
    }
}
