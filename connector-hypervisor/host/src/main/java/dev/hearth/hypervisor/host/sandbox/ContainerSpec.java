package dev.hearth.hypervisor.host.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything that decides a container's command line (bwrap) or OCI bundle (runc). {@code
 * cgroupPath} is its cgroup below each hierarchy's root and {@code limits} what the cgroup
 * allows; {@code portionPath} is the portion's
 * normalised folder inside the code package ({@code ""} for its root); {@code runDir} is the
 * host folder that appears at {@code /run/hearth} (its Runtime API socket, and for a trusted
 * portion its credential and egress socket); {@code egressProxy} says whether the container gets
 * the agent's egress proxy. {@code mountPoints} holds two empty host folders, {@code tmp} and
 * {@code pts}, on which a bwrap container's {@code /tmp} and {@code /dev/pts} are mounted, in a
 * mount namespace of its own, before bubblewrap binds them in. A stem cell's {@code runtime} is {@link SandboxCommands#STEM_RUNTIME},
 * its {@code codeDir} the empty folder its function's code is staged into.
 */
record ContainerSpec(
        int uid,
        String cgroupPath,
        CgroupV1.Limits limits,
        List<Path> cgroupProcsFiles,
        Path seccompFile,
        Path runDir,
        Path codeDir,
        Path runtimesDir,
        Path etcDir,
        Path mountPoints,
        long tmpBytes,
        String runtime,
        String portionName,
        String portionPath,
        String handler,
        boolean trusted,
        boolean egressProxy,
        String functionName,
        int memoryMb,
        Map<String, String> environment) {}
