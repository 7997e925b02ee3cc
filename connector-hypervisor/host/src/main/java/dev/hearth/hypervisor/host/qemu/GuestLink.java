package dev.hearth.hypervisor.host.qemu;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The host's end of the virtio-serial link to one guest agent (the guest's side and the frame
 * format are described in {@code qemu/guest-agent.py}). Control messages go to a {@link
 * Listener}; each connection a container's runtime opens to its Runtime API in the guest becomes a
 * connection to that container's Runtime API server on the host, so that the runtime speaks to
 * the same server as in a sandbox. One reader thread, plus one thread per open connection.
 */
final class GuestLink implements AutoCloseable {

    static final int CONTROL = 1;
    static final int OPEN = 2;
    static final int DATA = 3;
    static final int CLOSE = 4;
    static final int LOG = 5;

    private static final int CHUNK = 65_536;

    /** What the guest says without being asked. */
    interface Listener {
        void control(JsonObject message);

        void log(int runtime, byte[] bytes);

        /** The socket of container {@code runtime}'s Runtime API server; null when it has none. */
        Path runtimeApiSocket(int runtime);

        /** The link is gone: the guest agent or the VM ended. */
        void closed();
    }

    private final SocketChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(9);
    private final Listener listener;
    private final ExecutorService threads;
    private final Map<Integer, SocketChannel> connections = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private GuestLink(SocketChannel channel, Listener listener, String name) {
        this.channel = channel;
        this.listener = listener;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "guest-link-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts reading from {@code channel} (connected by QEMU to the guest's port). */
    static GuestLink start(SocketChannel channel, Listener listener, String name) {
        GuestLink link = new GuestLink(channel, listener, name);
        link.threads.execute(link::readLoop);
        return link;
    }

    boolean closed() {
        return closed;
    }

    /** Sends a control message (a JSON object). */
    void control(JsonObject message) throws IOException {
        send(CONTROL, 0, message.toString().getBytes(UTF_8));
    }

    /**
     * Writes frames straight to the channel: the JDK's channel streams would make this writer wait
     * for the reader thread, blocked in a read, to release the channel.
     */
    private void send(int kind, int stream, byte[] payload) throws IOException {
        synchronized (header) {
            int offset = 0;
            do {
                int length = Math.min(CHUNK, payload.length - offset);
                header.clear().put((byte) kind).putInt(stream).putInt(length).flip();
                ByteBuffer body = ByteBuffer.wrap(payload, offset, length);
                while (header.hasRemaining() || body.hasRemaining()) {
                    channel.write(new ByteBuffer[] {header, body});
                }
                offset += length;
            } while (offset < payload.length);
        }
    }

    private void readLoop() {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new ChannelInput(channel), CHUNK))) {
            while (true) {
                int kind = in.readUnsignedByte();
                int stream = in.readInt();
                byte[] payload = in.readNBytes(in.readInt());
                switch (kind) {
                    case CONTROL -> listener.control(parse(payload));
                    case OPEN -> open(stream, new String(payload, US_ASCII));
                    case DATA -> forward(stream, payload);
                    case CLOSE -> closeConnection(stream, false);
                    case LOG -> listener.log(stream, payload);
                    default -> throw new IOException("unknown frame kind " + kind);
                }
            }
        } catch (EOFException e) {
            // The guest is gone.
        } catch (IOException | JsonException e) {
            if (!closed) { // not by close(), which ends the reads as it should
                System.getLogger("dev.hearth.hypervisor.host.qemu")
                        .log(System.Logger.Level.WARNING, "the guest link broke: " + e.getMessage());
            }
        } finally {
            close();
            listener.closed();
        }
    }

    private static JsonObject parse(byte[] payload) {
        try (JsonReader reader = Json.createReader(new StringReader(new String(payload, UTF_8)))) {
            return reader.readObject();
        }
    }

    /** A container's runtime connected to its Runtime API port in the guest: connect it to its server. */
    private void open(int stream, String container) throws IOException {
        try {
            Path socket = listener.runtimeApiSocket(Integer.parseInt(container));
            if (socket == null) {
                throw new IOException("container " + container + " has no Runtime API");
            }
            SocketChannel connection = SocketChannel.open(StandardProtocolFamily.UNIX);
            connection.connect(UnixDomainSocketAddress.of(socket));
            connections.put(stream, connection);
            threads.execute(() -> pump(stream, connection));
        } catch (IOException | NumberFormatException e) {
            send(CLOSE, stream, new byte[0]);
        }
    }

    /** Copies what the host's server answers to the guest until either side closes. */
    private void pump(int stream, SocketChannel connection) {
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
        try {
            while (connection.read(buffer.clear()) > 0) {
                send(DATA, stream, Arrays.copyOf(buffer.array(), buffer.position()));
            }
        } catch (IOException e) {
            // Closed by either side.
        }
        closeConnection(stream, true);
    }

    private void forward(int stream, byte[] payload) throws IOException {
        SocketChannel connection = connections.get(stream);
        if (connection == null) {
            return;
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            while (buffer.hasRemaining()) {
                connection.write(buffer);
            }
        } catch (IOException e) {
            closeConnection(stream, true);
        }
    }

    private void closeConnection(int stream, boolean tellGuest) {
        SocketChannel connection = connections.remove(stream);
        if (connection == null) {
            return;
        }
        try {
            connection.close();
            if (tellGuest && !closed) {
                send(CLOSE, stream, new byte[0]);
            }
        } catch (IOException e) {
            // The link itself is going away.
        }
    }

    /** Reads the channel without taking the lock that the JDK's channel streams share with writers. */
    private static final class ChannelInput extends InputStream {
        private final SocketChannel channel;

        ChannelInput(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            return channel.read(ByteBuffer.wrap(bytes, offset, length));
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Integer stream : List.copyOf(connections.keySet())) {
            closeConnection(stream, false);
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Already closed.
        }
        threads.shutdownNow();
    }
}
