package dev.hearth.hypervisor.host.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HostCommandsTest {

    /** A state folder named with a space is still found mounted: mountinfo writes it {@code \040}. */
    @Test
    void readsMountinfosEscapesBack() {
        assertEquals("/var/lib/my agent/files", HostCommands.unescape("/var/lib/my\\040agent/files"));
        assertEquals("/a\\b$1", HostCommands.unescape("/a\\134b$1"));
        assertEquals("/plain", HostCommands.unescape("/plain"));
    }
}
