package dev.hearth.hypervisor.host.qemu;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A QEMU Machine Protocol client on the VM's QMP socket: enough to ask the VM to quit. Each call
 * opens a connection; QMP answers one JSON document a line.
 */
final class Qmp {

    private Qmp() {}

    /**
     * Runs one command (e.g. {@code quit}) after the capabilities handshake; returns QMP's
     * answer line, or fails when QEMU is not there.
     */
    static String execute(Path socket, String command) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), UTF_8));
            OutputStream out = Channels.newOutputStream(channel);
            expect(in, "\"QMP\"");
            out.write("{\"execute\":\"qmp_capabilities\"}\n".getBytes(UTF_8));
            expect(in, "\"return\"");
            out.write(("{\"execute\":\"" + command + "\"}\n").getBytes(UTF_8));
            return expect(in, "\"return\"");
        }
    }

    /** Reads lines until one contains {@code marker} (events come in between), or fails on an error. */
    private static String expect(BufferedReader in, String marker) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.contains(marker)) {
                return line;
            }
            if (line.contains("\"error\"")) {
                throw new IOException("QMP refused: " + line);
            }
        }
        throw new IOException("QMP closed the connection");
    }
}
