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
 * A QEMU Machine Protocol client on the VM's QMP socket, connected for the VM's life: a pause
 * and a resume then cost one round trip each, not a handshake. QMP answers one JSON document a
 * line; the events it sends in between are skipped.
 */
final class Qmp implements AutoCloseable {

    private final SocketChannel channel;
    private final BufferedReader in;
    private final OutputStream out;

    private Qmp(SocketChannel channel) {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), UTF_8));
        this.out = Channels.newOutputStream(channel);
    }

    /** Connects and does the capabilities handshake; fails when QEMU is not there. */
    static Qmp connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            Qmp qmp = new Qmp(channel);
            qmp.expect("\"QMP\"");
            qmp.execute("qmp_capabilities");
            return qmp;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Runs one command without arguments ({@code stop}, {@code cont}, {@code quit}); returns QMP's
     * answer line, or fails when QEMU refuses it or is gone.
     */
    synchronized String execute(String command) throws IOException {
        out.write(("{\"execute\":\"" + command + "\"}\n").getBytes(UTF_8));
        return expect("\"return\"");
    }

    /** Reads lines until one contains {@code marker} (events come in between), or fails on an error. */
    private String expect(String marker) throws IOException {
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

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }
}
