package dev.hearth.hypervisor.host.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything that decides a container's command line. {@code portionPath} is the portion's
 * normalised folder inside the code package ({@code ""} for its root).
 */
record ContainerSpec(
        String netns,
        int uid,
        List<Path> cgroupProcsFiles,
        Path codeDir,
        Path runtimesDir,
        Path etcDir,
        long tmpBytes,
        String runtime,
        String portionPath,
        String handler,
        String functionName,
        int memoryMb,
        Map<String, String> environment) {}
