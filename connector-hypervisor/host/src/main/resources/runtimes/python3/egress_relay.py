"""Relays a port on the container's 127.0.0.1 to the agent's egress proxy socket, a thread per
connection, without a process forked per connection (socat's, ~3 ms each).

Hearth's Python runtime runs it on threads of its own process (HEARTH_EGRESS_RELAY); in every other
container that reaches the proxy (other runtimes, stem cells) it is a process of its own, started
before the runtime: python3 -I -S -B egress_relay.py PORT:SOCKET. Nothing is reachable through it
that the socket does not reach already, and it runs as the container's uid. It uses the
interpreter's C modules alone (_socket, _thread, select, time): `socket` and `threading` would
double the process's start, which a container's cold start waits for.
"""
import _socket
import _thread
import select
import sys
import time


def listen(relay):
    """Listens on 127.0.0.1:PORT for a relay 'PORT:SOCKET'; the listener and the socket's path."""
    port, path = relay.split(":", 1)
    listener = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
    listener.setsockopt(_socket.SOL_SOCKET, _socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", int(port)))
    listener.listen(64)
    return listener, path


def start(relay):
    """Relays on a thread of this process."""
    _thread.start_new_thread(serve, listen(relay))


def serve(listener, path):
    while True:
        try:
            fd, _ = listener._accept()
        except OSError:  # out of file descriptors, say: the function's to fix, try again shortly
            time.sleep(0.05)
            continue
        client = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM, 0, fd)
        try:
            _thread.start_new_thread(_pump, (client, path))
        except RuntimeError:  # no thread to be had under the container's process limit
            client.close()


def _pump(client, path):
    upstream = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        upstream.connect(path)
        client.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_NODELAY, 1)
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
                    target.shutdown(_socket.SHUT_WR)
                    poller.unregister(fd)
                    del peers[fd]
    except OSError:
        pass  # either side went away: both are closed
    finally:
        client.close()
        upstream.close()


if __name__ == "__main__":
    serve(*listen(sys.argv[1]))
