"""Hearth's guest agent: PID 1 of the qemu driver's VMs (the guest init execs it), as root.

It speaks to the host agent over one virtio-serial port ("hearth") in frames of
(kind: u8, channel: u32, length: u32, payload):
  CONTROL  JSON messages. Host -> guest: start a container (one per portion of the function),
           stop one, hand one the invocation's credential and secrets (files only its user reads),
           set the clock (before each invocation: it stands still while the host pauses the VM).
           Guest -> host: ready, started, failed, exited (with the container's memory and pids
           cgroup counters); every message but ready names its container ("runtime").
  OPEN     guest -> host: a container's runtime opened a connection to its Runtime API
           (127.0.0.1:port in its own network namespace); the payload names the container, and
           the host connects it to that container's Runtime API server.
  DATA     the bytes of one such connection, either way.
  CLOSE    one side closed the connection.
  LOG      guest -> host: what a container's processes wrote to stdout and stderr.

A container is the sandbox driver's contract inside the VM: its runtime runs under a uid of its
own with no capabilities, no_new_privs and the host agent's seccomp filter, in new mount, pid, ipc, uts, cgroup and network
namespaces (the network one holds only loopback, where the agent listens for its Runtime API),
in a cgroup v2 of its own (memory, pids), with rlimits. It sees a read-only root, the host
agent's runtime image as /usr, its portion's code (its folder and the shared one) read-only at /var/task, its own size-bound /tmp, a minimal /dev, a /proc of its
own pid namespace (hidepid=2), and at /run/hearth a folder of its own where a trusted container
finds its credential and secrets; the agent's files, the other containers' folders and /sys are hidden.
Each container's PID 1 is a small reaper (a fork of this agent) whose one child is the runtime.
A container's output reaches the host before any later byte of its Runtime API connections, so
an invocation's log tail is whole when its response arrives.
"""
import ctypes
import fcntl
import json
import os
import resource
import select
import shutil
import signal
import socket
import stat
import struct
import time

HEADER = struct.Struct(">BII")
CONTROL, OPEN, DATA, CLOSE, LOG = 1, 2, 3, 4, 5
CHUNK = 65536
CGROUPS = "/sys/fs/cgroup/hearth"
CONTAINERS = "/hearth/containers"
CREDENTIAL = "credential"
SECRETS = "secrets"
MAX_OPEN_FILES = 1024
SETUP_TIMEOUT_SECONDS = 10

LIBC = ctypes.CDLL(None, use_errno=True)
CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS = 0x00020000, 0x02000000, 0x04000000
CLONE_NEWIPC, CLONE_NEWPID, CLONE_NEWNET = 0x08000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2
SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 1
# The host agent's seccomp filter (classic BPF, 8 bytes an instruction), read before any container
# hides /hearth; every runtime runs under it, as in the sandbox driver's containers.
with open("/hearth/seccomp.bpf", "rb") as _filter:
    SECCOMP_FILTER = _filter.read()
DEVICES = {"null": (1, 3), "zero": (1, 5), "full": (1, 7), "random": (1, 8), "urandom": (1, 9), "tty": (5, 0)}


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


def checked(result, what):
    if result != 0:
        error = ctypes.get_errno()
        raise OSError(error, "%s: %s" % (what, os.strerror(error)))


def unshare(flags):
    checked(LIBC.unshare(ctypes.c_int(flags)), "unshare")


def mount(source, target, fstype, flags, data=None):
    encode = lambda text: None if text is None else text.encode()
    checked(LIBC.mount(encode(source), encode(target), encode(fstype), ctypes.c_ulong(flags), encode(data)),
            "mount " + target)


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_char_p)]


def seccomp(program):
    """Installs a seccomp filter for this process and what it executes (no_new_privs first)."""
    fprog = SockFprog(len(program) // 8, program)
    checked(LIBC.prctl(ctypes.c_int(PR_SET_SECCOMP), ctypes.c_ulong(SECCOMP_MODE_FILTER),
                       ctypes.byref(fprog), ctypes.c_ulong(0), ctypes.c_ulong(0)), "seccomp")


def loopback_up():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        request = struct.pack("16sH22x", b"lo", 0)
        flags = struct.unpack_from("16sH", fcntl.ioctl(s, SIOCGIFFLAGS, request))[1]
        fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sH22x", b"lo", flags | IFF_UP))


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


class Container:
    """One portion's container: its cgroup, its folder, its reaper's pid, its output pipe and the
    listener of its Runtime API (a socket of the container's network namespace)."""

    def __init__(self, spec):
        self.id = spec["runtime"]
        self.uid = spec["uid"]
        self.stopping = False
        self.pid = None
        self.listener = None
        self.cgroup = os.path.join(CGROUPS, str(self.id))
        self.folder = os.path.join(CONTAINERS, str(self.id))
        os.makedirs(self.cgroup)
        write_file(os.path.join(self.cgroup, "memory.max"), str(spec["memoryBytes"]))
        write_file(os.path.join(self.cgroup, "memory.swap.max"), "0")
        write_file(os.path.join(self.cgroup, "pids.max"), str(spec["maxProcesses"]))
        os.mkdir(self.folder, 0o700)
        os.chown(self.folder, self.uid, self.uid)
        self.output, writer = os.pipe()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        setup = os.fork()
        if setup == 0:
            ours.close()
            os.close(self.output)
            self._set_up(spec, writer, theirs)
        os.close(writer)
        theirs.close()
        os.set_blocking(self.output, False)
        with ours:
            ours.settimeout(SETUP_TIMEOUT_SECONDS)
            try:
                message, fds, _, _ = socket.recv_fds(ours, 32, 1)
            except OSError:
                message, fds = b"", []
        if not message or len(fds) != 1:
            self.remove()
            os.close(self.output)
            raise OSError("the container could not be set up (see its log)")
        self.pid = int(message)
        self.listener = socket.socket(fileno=fds[0])

    def _set_up(self, spec, writer, control):
        """In the forked child: namespaces, file system and the Runtime API listener; then the
        reaper, which the agent inherits when this process ends."""
        try:
            os.dup2(os.open("/dev/null", os.O_RDONLY), 0)
            os.dup2(writer, 1)
            os.dup2(writer, 2)
            # The agent's own descriptors (its link, other containers' connections) stay with it.
            os.closerange(3, control.fileno())
            os.closerange(control.fileno() + 1, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
            write_file(os.path.join(self.cgroup, "cgroup.procs"), "0")
            os.setsid()
            unshare(CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWCGROUP)
            socket.sethostname("hearth")
            loopback_up()
            listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            listener.bind(("127.0.0.1", spec["port"]))
            listener.listen(16)
            self._file_system(spec)
            unshare(CLONE_NEWPID)
            reaper = os.fork()
            if reaper == 0:
                listener.close()
                control.close()
                self._reap(spec)
            socket.send_fds(control, [str(reaper).encode()], [listener.fileno()])
            os._exit(0)
        except BaseException as error:
            os.write(2, ("hearth: cannot set up the container: %s\n" % error).encode())
        finally:
            os._exit(125)

    def _file_system(self, spec):
        mount(None, "/", None, MS_REC | MS_PRIVATE)
        mount("/mnt/task/" + spec["code"], "/var/task", None, MS_BIND | MS_REC)
        mount(None, "/var/task", None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
        mount(self.folder, "/run/hearth", None, MS_BIND)
        mount(None, "/run/hearth", None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
        mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "size=%d,mode=1777" % spec["tmpBytes"])
        # What the container must not see: the agent's files and the other containers' folders,
        # the code share, the kernel's objects and cgroups.
        for hidden in ("/hearth", "/mnt", "/sys"):
            mount("tmpfs", hidden, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=755")
        mount("tmpfs", "/dev", "tmpfs", MS_NOSUID | MS_NOEXEC, "size=4k,mode=755")
        for name, (major, minor) in DEVICES.items():
            os.mknod("/dev/" + name, stat.S_IFCHR | 0o666, os.makedev(major, minor))
            os.chmod("/dev/" + name, 0o666)
        for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                             ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")):
            os.symlink(target, "/dev/" + name)
        mount(None, "/dev", None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NOEXEC)
        mount(None, "/", None, MS_REMOUNT | MS_BIND | MS_RDONLY)

    def _reap(self, spec):
        """PID 1 of the container: mounts its /proc, starts the runtime, reaps whatever is
        orphaned to it, and exits with the runtime's status (128 + signal when it was killed)."""
        try:
            mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, "hidepid=2")
            runtime = os.fork()
            if runtime == 0:
                self._exec(spec)
            while True:
                pid, status = os.wait()
                if pid == runtime:
                    code = os.waitstatus_to_exitcode(status)
                    os._exit(128 - code if code < 0 else code)
        except BaseException as error:
            os.write(2, ("hearth: the container's init failed: %s\n" % error).encode())
        finally:
            os._exit(125)

    def _exec(self, spec):
        try:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            resource.setrlimit(resource.RLIMIT_NOFILE, (MAX_OPEN_FILES, MAX_OPEN_FILES))
            resource.setrlimit(resource.RLIMIT_FSIZE, (spec["tmpBytes"], spec["tmpBytes"]))
            os.setgroups([])
            os.setresgid(self.uid, self.uid, self.uid)
            os.setresuid(self.uid, self.uid, self.uid)
            no_new_privs = [ctypes.c_ulong(value) for value in (1, 0, 0, 0)]
            checked(LIBC.prctl(ctypes.c_int(PR_SET_NO_NEW_PRIVS), *no_new_privs), "no_new_privs")
            seccomp(SECCOMP_FILTER)
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
            if self.pid is not None:
                os.kill(self.pid, signal.SIGKILL)

    def credential(self, value):
        """Replaces the credential file in one step (None removes it)."""
        path = os.path.join(self.folder, CREDENTIAL)
        if value is None:
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
            return
        fd = os.open(path + ".next", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o400)
        try:
            os.write(fd, value.encode())
            os.fchown(fd, self.uid, self.uid)
        finally:
            os.close(fd)
        os.rename(path + ".next", path)

    def secrets(self, values):
        """Makes the secrets folder hold exactly these files (name: value), each replaced in one step."""
        folder = os.path.join(self.folder, SECRETS)
        if not os.path.isdir(folder):
            os.mkdir(folder, 0o500)
            os.chown(folder, self.uid, self.uid)
        for name in os.listdir(folder):
            if name not in values:
                os.unlink(os.path.join(folder, name))
        for name, value in values.items():
            path = os.path.join(folder, os.path.basename(name))
            fd = os.open(path + ".next", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o400)
            try:
                os.write(fd, value.encode())
                os.fchown(fd, self.uid, self.uid)
            finally:
                os.close(fd)
            os.rename(path + ".next", path)

    def counters(self):
        return {
            "oomKills": counter(os.path.join(self.cgroup, "memory.events"), "oom_kill"),
            "forksRefused": counter(os.path.join(self.cgroup, "pids.events"), "max"),
        }

    def remove(self):
        """Kills what the container left behind, removes its cgroup and its folder."""
        self.kill()
        for _ in range(200):
            try:
                os.rmdir(self.cgroup)
                break
            except OSError:
                select.select([], [], [], 0.005)
        shutil.rmtree(self.folder)  # its credential, secrets and sockets
        if self.listener is not None:
            self.listener.close()


class Agent:
    def __init__(self):
        self.link = Link(virtio_port("hearth"))
        self.containers = {}  # id -> Container
        self.connections = {}  # channel -> (container id, socket)
        self.next_channel = 1
        self.wakeup, wakeup_writer = os.pipe()
        os.set_blocking(self.wakeup, False)
        os.set_blocking(wakeup_writer, False)
        signal.set_wakeup_fd(wakeup_writer)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        os.makedirs(CGROUPS, exist_ok=True)
        write_file(os.path.join(CGROUPS, "cgroup.subtree_control"), "+memory +pids")
        os.makedirs(CONTAINERS, mode=0o711, exist_ok=True)
        os.makedirs("/run/hearth", mode=0o755, exist_ok=True)

    def start(self, spec):
        if spec["runtime"] in self.containers:
            self.link.control({"op": "failed", "runtime": spec["runtime"], "error": "that container still runs"})
            return
        try:
            self.containers[spec["runtime"]] = Container(spec)
            self.link.control({"op": "started", "runtime": spec["runtime"]})
        except OSError as error:
            self.link.control({"op": "failed", "runtime": spec["runtime"], "error": str(error)})

    def stop(self, container_id):
        container = self.containers.get(container_id)
        if container is not None:
            container.kill()
        else:
            self.link.control({"op": "exited", "runtime": container_id, "status": -1, "stopped": True,
                               "oomKills": 0, "forksRefused": 0})

    def forward_output(self):
        for container in self.containers.values():
            while True:
                try:
                    data = os.read(container.output, CHUNK)
                except BlockingIOError:
                    break
                if not data:
                    break
                self.link.send(LOG, container.id, data)

    def reap(self):
        """Reaps every ended child; a container ends with its reaper (set-up children and
        whatever else was orphaned to PID 1 are only reaped)."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            container = next((c for c in self.containers.values() if c.pid == pid), None)
            if container is None:
                continue
            self.forward_output()
            message = {"op": "exited", "runtime": container.id, "status": os.waitstatus_to_exitcode(status),
                       "stopped": container.stopping}
            message.update(container.counters())
            for channel in [c for c, (owner, _) in self.connections.items() if owner == container.id]:
                self.close(channel, tell_host=True)
            container.remove()
            os.close(container.output)
            del self.containers[container.id]
            self.link.control(message)

    def on_link(self):
        for kind, channel, payload in self.link.frames():
            if kind == CONTROL:
                message = json.loads(payload)
                if message["op"] == "start":
                    self.start(message)
                elif message["op"] == "stop":
                    self.stop(message["runtime"])
                elif message["op"] == "credential" and message["runtime"] in self.containers:
                    self.containers[message["runtime"]].credential(message["value"])
                elif message["op"] == "secrets" and message["runtime"] in self.containers:
                    self.containers[message["runtime"]].secrets(message["values"])
                elif message["op"] == "clock":
                    time.clock_settime_ns(time.CLOCK_REALTIME, message["epochNanos"])
            elif kind == DATA and channel in self.connections:
                try:
                    self.connections[channel][1].sendall(payload)
                except OSError:
                    self.close(channel, tell_host=True)
            elif kind == CLOSE:
                self.close(channel, tell_host=False)

    def close(self, channel, tell_host):
        entry = self.connections.pop(channel, None)
        if entry is not None:
            entry[1].close()
            if tell_host:
                self.link.send(CLOSE, channel)

    def accept(self, container):
        connection, _ = container.listener.accept()
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        channel = self.next_channel
        self.next_channel += 1
        self.connections[channel] = (container.id, connection)
        self.link.send(OPEN, channel, str(container.id).encode())

    def serve(self):
        self.link.control({"op": "ready"})
        while True:
            outputs = {c.output: c for c in self.containers.values()}
            listeners = {c.listener: c for c in self.containers.values()}
            sockets = {s: channel for channel, (_, s) in self.connections.items()}
            readable = [self.link.fd, self.wakeup] + list(outputs) + list(listeners) + list(sockets)
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
                elif item in outputs:
                    self.forward_output()
                elif item in listeners:
                    if listeners[item].id in self.containers:
                        self.accept(listeners[item])
                elif item in sockets and sockets[item] in self.connections:
                    channel = sockets[item]
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
