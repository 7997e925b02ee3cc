"""Relays a port on the container's 127.0.0.1 to the agent's egress proxy socket, a thread per
connection, without a process forked per connection (socat's, ~3 ms each).

Hearth's Python runtime runs it on threads of its own process (HEARTH_EGRESS_RELAY); in every other
container that reaches the proxy (other runtimes, stem cells) it is a process of its own, started
before the runtime: python3 -I -S -B egress_relay.py PORT:SOCKET. Nothing is reachable through it
that the socket does not reach already, and it runs as the container's uid.
"""
import select
import socket
import sys
import threading
import time


def listen(relay):
    """Listens on 127.0.0.1:PORT for a relay 'PORT:SOCKET'; the listener and the socket's path."""
    port, path = relay.split(":", 1)
    return socket.create_server(("127.0.0.1", int(port)), backlog=64), path


def start(relay):
    """Relays on a daemon thread of this process."""
    listener, path = listen(relay)
    threading.Thread(target=serve, args=(listener, path), name="hearth-egress", daemon=True).start()


def serve(listener, path):
    while True:
        try:
            client, _ = listener.accept()
        except OSError:  # out of file descriptors, say: the function's to fix, try again shortly
            time.sleep(0.05)
            continue
        try:
            threading.Thread(target=_pump, args=(client, path), daemon=True).start()
        except RuntimeError:  # no thread to be had under the container's process limit
            client.close()


def _pump(client, path):
    with client, socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as upstream:
        try:
            upstream.connect(path)
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            peers = {client.fileno(): (client, upstream), upstream.fileno(): (upstream, client)}
            poller = select.poll()
            for fd in peers:
                poller.register(fd, select.POLLIN)
            while peers:
                for fd, _ in poller.poll():
                    source, target = peers[fd]
                    data = source.recv(65536)
                    if data:
                        target.sendall(data)
                    else:  # passes the end on, as socat does, and waits for the other side's
                        target.shutdown(socket.SHUT_WR)
                        poller.unregister(fd)
                        del peers[fd]
        except OSError:
            pass  # either side went away: both are closed


if __name__ == "__main__":
    serve(*listen(sys.argv[1]))
