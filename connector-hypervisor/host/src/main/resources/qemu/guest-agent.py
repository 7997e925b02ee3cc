"""Hearth's guest agent: runs in the qemu driver's VMs as root, started by the guest init.

It speaks to the host agent over one virtio-serial port ("hearth") in frames of
(kind: u8, channel: u32, length: u32, payload):
  CONTROL  JSON messages. Host -> guest: start a runtime, stop it, hand it the invocation's
           credential (a file only the runtime's user reads). Guest -> host: ready, started,
           failed, exited (with the runtime's memory and pids cgroup counters).
  OPEN     guest -> host: the runtime opened a connection to its Runtime API (127.0.0.1:port);
           the host connects it to the instance's Runtime API server.
  DATA     the bytes of one such connection, either way.
  CLOSE    one side closed the connection.
  LOG      guest -> host: what the runtime wrote to stdout and stderr.
The runtime runs as an unprivileged user in a cgroup of its own (memory, pids) with the
function's code at /var/task and a fresh size-bound /tmp. Its output reaches the host before any
later byte of its Runtime API connections, so an invocation's log tail is whole when its
response arrives.
"""
import json
import os
import resource
import select
import signal
import socket
import struct

HEADER = struct.Struct(">BII")
CONTROL, OPEN, DATA, CLOSE, LOG = 1, 2, 3, 4, 5
CHUNK = 65536
BUSYBOX = "/hearth/busybox"
CGROUPS = "/sys/fs/cgroup/hearth"
CREDENTIAL = "/run/hearth/credential"
MAX_OPEN_FILES = 1024
RUNTIME_UID = 1000


def virtio_port(name):
    base = "/sys/class/virtio-ports"
    for entry in os.listdir(base):
        with open(os.path.join(base, entry, "name")) as f:
            if f.read().strip() == name:
                return "/dev/" + entry
    raise SystemExit("hearth-agent: no virtio port named " + name)


def write_file(path, text):
    with open(path, "w") as f:
        f.write(text)


def counter(path, name):
    try:
        with open(path) as f:
            for line in f:
                key, _, value = line.partition(" ")
                if key == name:
                    return int(value)
    except OSError:
        pass
    return 0


def busybox(*args):
    pid = os.fork()
    if pid == 0:
        try:
            os.execv(BUSYBOX, [BUSYBOX] + list(args))
        finally:
            os._exit(127)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


class Link:
    def __init__(self, path):
        self.fd = os.open(path, os.O_RDWR)
        self.pending = b""

    def send(self, kind, channel, payload=b""):
        frames = [payload[i:i + CHUNK] for i in range(0, len(payload), CHUNK)] or [b""]
        for part in frames:
            data = HEADER.pack(kind, channel, len(part)) + part
            while data:
                data = data[os.write(self.fd, data):]

    def control(self, message):
        self.send(CONTROL, 0, json.dumps(message).encode())

    def frames(self):
        """The frames complete after one read; an empty read means the host went away."""
        data = os.read(self.fd, CHUNK)
        if not data:
            raise SystemExit("hearth-agent: the host closed the link")
        self.pending += data
        while len(self.pending) >= HEADER.size:
            kind, channel, length = HEADER.unpack_from(self.pending)
            if len(self.pending) < HEADER.size + length:
                break
            payload = self.pending[HEADER.size:HEADER.size + length]
            self.pending = self.pending[HEADER.size + length:]
            yield kind, channel, payload


class Runtime:
    """One runtime process and its cgroup; its output comes through a pipe."""

    def __init__(self, spec):
        self.id = spec["runtime"]
        self.cgroup = os.path.join(CGROUPS, str(self.id))
        os.makedirs(self.cgroup)
        write_file(os.path.join(self.cgroup, "memory.max"), str(spec["memoryBytes"]))
        write_file(os.path.join(self.cgroup, "memory.swap.max"), "0")
        write_file(os.path.join(self.cgroup, "pids.max"), str(spec["maxProcesses"]))
        self.output, writer = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            self._exec(spec, writer)
        os.close(writer)
        os.set_blocking(self.output, False)
        self.stopping = False

    def _exec(self, spec, writer):
        try:
            os.dup2(os.open("/dev/null", os.O_RDONLY), 0)
            os.dup2(writer, 1)
            os.dup2(writer, 2)
            write_file(os.path.join(self.cgroup, "cgroup.procs"), "0")
            os.setsid()
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            resource.setrlimit(resource.RLIMIT_NOFILE, (MAX_OPEN_FILES, MAX_OPEN_FILES))
            resource.setrlimit(resource.RLIMIT_FSIZE, (spec["tmpBytes"], spec["tmpBytes"]))
            uid = RUNTIME_UID
            os.setgroups([])
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
            os.chdir(spec["cwd"])
            os.execve(spec["argv"][0], spec["argv"], spec["env"])
        except BaseException as error:
            os.write(2, ("hearth: cannot start the runtime: %s\n" % error).encode())
        finally:
            os._exit(127)

    def kill(self):
        self.stopping = True
        try:
            write_file(os.path.join(self.cgroup, "cgroup.kill"), "1")
        except OSError:
            os.kill(self.pid, signal.SIGKILL)

    def counters(self):
        return {
            "oomKills": counter(os.path.join(self.cgroup, "memory.events"), "oom_kill"),
            "forksRefused": counter(os.path.join(self.cgroup, "pids.events"), "max"),
        }

    def remove(self):
        """Kills what the runtime left behind and removes its cgroup."""
        self.kill()
        for _ in range(200):
            try:
                os.rmdir(self.cgroup)
                return
            except OSError:
                select.select([], [], [], 0.005)


class Agent:
    def __init__(self):
        self.link = Link(virtio_port("hearth"))
        self.listeners = {}  # port -> listening socket
        self.connections = {}  # channel -> socket
        self.next_channel = 1
        self.runtime = None
        self.wakeup, wakeup_writer = os.pipe()
        os.set_blocking(self.wakeup, False)
        os.set_blocking(wakeup_writer, False)
        signal.set_wakeup_fd(wakeup_writer)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        os.makedirs(CGROUPS, exist_ok=True)
        write_file(os.path.join(CGROUPS, "cgroup.subtree_control"), "+memory +pids")
        os.makedirs(os.path.dirname(CREDENTIAL), mode=0o755, exist_ok=True)

    def listen(self, port):
        if port not in self.listeners:
            listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", port))
            listener.listen(16)
            self.listeners[port] = listener

    def start(self, spec):
        if self.runtime is not None:
            self.link.control({"op": "failed", "runtime": spec["runtime"], "error": "a runtime still runs"})
            return
        try:
            busybox("umount", "-l", "/var/task")
            if busybox("mount", "--bind", "/mnt/task/" + spec["code"], "/var/task") != 0:
                raise OSError("cannot mount the code " + spec["code"])
            busybox("umount", "-l", "/tmp")
            if busybox("mount", "-t", "tmpfs", "-o", "size=%d,mode=1777,nosuid,nodev" % spec["tmpBytes"],
                       "tmpfs", "/tmp") != 0:
                raise OSError("cannot mount /tmp")
            self.listen(spec["port"])
            self.runtime = Runtime(spec)
            self.link.control({"op": "started", "runtime": spec["runtime"]})
        except OSError as error:
            self.link.control({"op": "failed", "runtime": spec["runtime"], "error": str(error)})

    def credential(self, value):
        """Replaces the credential file in one step (None removes it)."""
        if value is None:
            try:
                os.unlink(CREDENTIAL)
            except FileNotFoundError:
                pass
            return
        fd = os.open(CREDENTIAL + ".next", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o400)
        try:
            os.write(fd, value.encode())
            os.fchown(fd, RUNTIME_UID, RUNTIME_UID)
        finally:
            os.close(fd)
        os.rename(CREDENTIAL + ".next", CREDENTIAL)

    def stop(self, runtime_id):
        if self.runtime is not None and self.runtime.id == runtime_id:
            self.runtime.kill()
        else:
            self.link.control({"op": "exited", "runtime": runtime_id, "status": -1, "stopped": True,
                               "oomKills": 0, "forksRefused": 0})

    def forward_output(self):
        runtime = self.runtime
        while runtime is not None:
            try:
                data = os.read(runtime.output, CHUNK)
            except BlockingIOError:
                return
            if not data:
                return
            self.link.send(LOG, runtime.id, data)

    def reap(self):
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            runtime = self.runtime
            if runtime is not None and pid == runtime.pid:
                self.forward_output()
                message = {"op": "exited", "runtime": runtime.id, "status": os.waitstatus_to_exitcode(status),
                           "stopped": runtime.stopping}
                message.update(runtime.counters())
                runtime.remove()
                os.close(runtime.output)
                self.runtime = None
                self.link.control(message)

    def on_link(self):
        for kind, channel, payload in self.link.frames():
            if kind == CONTROL:
                message = json.loads(payload)
                if message["op"] == "start":
                    self.start(message)
                elif message["op"] == "stop":
                    self.stop(message["runtime"])
                elif message["op"] == "credential":
                    self.credential(message["value"])
            elif kind == DATA and channel in self.connections:
                try:
                    self.connections[channel].sendall(payload)
                except OSError:
                    self.close(channel, tell_host=True)
            elif kind == CLOSE:
                self.close(channel, tell_host=False)

    def close(self, channel, tell_host):
        connection = self.connections.pop(channel, None)
        if connection is not None:
            connection.close()
            if tell_host:
                self.link.send(CLOSE, channel)

    def serve(self):
        self.link.control({"op": "ready"})
        while True:
            readable = [self.link.fd, self.wakeup] + list(self.listeners.values()) + list(self.connections.values())
            if self.runtime is not None:
                readable.append(self.runtime.output)
            ready, _, _ = select.select(readable, [], [])
            for item in ready:
                if item == self.link.fd:
                    self.on_link()
                elif item == self.wakeup:
                    while True:
                        try:
                            if not os.read(self.wakeup, 512):
                                break
                        except BlockingIOError:
                            break
                    self.reap()
                elif self.runtime is not None and item == self.runtime.output:
                    self.forward_output()
                elif item in self.listeners.values():
                    connection, _ = item.accept()
                    connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    channel = self.next_channel
                    self.next_channel += 1
                    self.connections[channel] = connection
                    self.link.send(OPEN, channel, str(item.getsockname()[1]).encode())
                else:
                    channel = next((c for c, s in self.connections.items() if s is item), None)
                    if channel is None:
                        continue
                    self.forward_output()
                    try:
                        data = item.recv(CHUNK)
                    except OSError:
                        data = b""
                    if data:
                        self.link.send(DATA, channel, data)
                    else:
                        self.close(channel, tell_host=True)


if __name__ == "__main__":
    Agent().serve()
