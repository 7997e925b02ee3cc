package dev.hearth.hypervisor.host.qemu;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How QEMU runs the guest's CPU: KVM where the host has hardware virtualisation that works, TCG
 * (QEMU's own translator) elsewhere. A {@code /dev/kvm} alone proves little: on a host whose KVM
 * is itself paravirtualised (no VT-x or SVM in the CPU flags) a stock guest kernel crawls, so KVM
 * is chosen only when the CPU announces {@code vmx} or {@code svm} and QEMU starts with it.
 */
enum Accelerator {
    KVM(List.of("-accel", "kvm", "-cpu", "host")),
    // A bounded translation cache: the default (1 GiB) makes each VM's resident memory grow.
    TCG(List.of("-accel", "tcg,tb-size=64", "-cpu", "max"));

    private final List<String> arguments;

    Accelerator(List<String> arguments) {
        this.arguments = arguments;
    }

    List<String> arguments() {
        return arguments;
    }

    /** The accelerator this host can use with {@code qemu}, tried rather than assumed. */
    static Accelerator detect(String qemu) {
        Path kvm = Path.of("/dev/kvm");
        if (!Files.isReadable(kvm) || !Files.isWritable(kvm) || !cpuHasVirtualisation()) {
            return TCG;
        }
        try {
            Process probe = new ProcessBuilder(
                            qemu,
                            "-accel",
                            "kvm",
                            "-M",
                            "none",
                            "-nodefaults",
                            "-display",
                            "none",
                            "-S",
                            "-qmp",
                            "stdio")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (var commands = probe.getOutputStream()) {
                commands.write("{\"execute\":\"qmp_capabilities\"}\n{\"execute\":\"quit\"}\n".getBytes(US_ASCII));
            }
            boolean ended = probe.waitFor(10, TimeUnit.SECONDS);
            if (!ended) {
                probe.destroyForcibly();
            }
            return ended && probe.exitValue() == 0 ? KVM : TCG;
        } catch (IOException e) {
            return TCG;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TCG;
        }
    }

    private static boolean cpuHasVirtualisation() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("flags")).anyMatch(line -> line.matches(".*\\b(vmx|svm)\\b.*"));
        } catch (IOException e) {
            return false;
        }
    }
}
