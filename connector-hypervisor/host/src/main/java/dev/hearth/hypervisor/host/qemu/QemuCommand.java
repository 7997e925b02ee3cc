package dev.hearth.hypervisor.host.qemu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of one VM; pure, so that tests can read it. A q35 machine with one vCPU, no
 * network device and no default devices; the kernel booted directly (PVH, uncompressed); the
 * agent's runtime image (the guest's {@code /usr}) and the instance's code folder as read-only
 * virtio-9p shares; the guest
 * agent's virtio-serial port connected to the host agent's socket (QEMU connects at start, so
 * no byte of the guest is lost); QMP on a socket; QEMU itself confined by its seccomp sandbox and
 * running as an unprivileged user once it has opened its files.
 */
final class QemuCommand {

    /** Kernel command line: a quiet boot that skips the probes of hardware this VM lacks. */
    static final String KERNEL_ARGUMENTS = "console=ttyS0 quiet loglevel=4 panic=-1 rdinit=/init"
            + " i8042.noaux i8042.nokbd i8042.nopnp 8250.nr_uarts=1 cryptomgr.notests random.trust_cpu=on"
            + " no_timer_check tsc=reliable"
            // Zeroing every page the guest allocates costs seconds under TCG; the guest serves one user.
            + " init_on_alloc=0";

    /** The name of the guest agent's virtio-serial port. */
    static final String PORT_NAME = "hearth";

    private QemuCommand() {}

    /** Where one VM's sockets and files are, and what it is given. */
    record Spec(
            String qemu,
            Accelerator accelerator,
            GuestImage image,
            Path imageUsr,
            int memoryMb,
            Path taskDir,
            Path linkSocket,
            Path qmpSocket,
            Path consoleLog,
            int qemuUid) {}

    static List<String> argv(Spec spec) {
        List<String> argv = new ArrayList<>(List.of(spec.qemu(), "-name", "hearth", "-M", "q35"));
        argv.addAll(spec.accelerator().arguments());
        argv.addAll(List.of("-smp", "1", "-m", Integer.toString(spec.memoryMb())));
        argv.addAll(List.of("-nodefaults", "-no-user-config", "-display", "none", "-nic", "none", "-no-reboot"));
        argv.addAll(List.of("-serial", "file:" + spec.consoleLog()));
        argv.addAll(List.of(
                "-kernel",
                spec.image().kernel().toString(),
                "-initrd",
                spec.image().initramfs().toString(),
                "-append",
                KERNEL_ARGUMENTS));
        argv.addAll(List.of(
                "-virtfs",
                share(spec.imageUsr().toString(), "usr"),
                "-virtfs",
                share(spec.taskDir().toString(), "task")));
        argv.addAll(List.of(
                "-device",
                "virtio-serial-pci",
                "-chardev",
                "socket,id=link,path=" + spec.linkSocket(),
                "-device",
                "virtserialport,chardev=link,name=" + PORT_NAME));
        argv.addAll(List.of("-qmp", "unix:" + spec.qmpSocket() + ",server=on,wait=off"));
        argv.addAll(List.of(
                "-sandbox",
                // Privileges are dropped by -runas (no way back without capabilities); denying
                // setuid in the filter would forbid that very drop.
                "on,obsolete=deny,spawn=deny,resourcecontrol=deny",
                "-runas",
                spec.qemuUid() + ":" + spec.qemuUid()));
        return argv;
    }

    private static String share(String path, String tag) {
        return "local,path=" + path + ",mount_tag=" + tag + ",security_model=none,readonly=on";
    }
}
