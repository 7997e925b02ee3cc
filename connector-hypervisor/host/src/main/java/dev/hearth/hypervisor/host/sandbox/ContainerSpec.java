package dev.hearth.hypervisor.host.sandbox;

import dev.hearth.hypervisor.host.driver.Workload;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything that decides a container's command line (bwrap) or OCI bundle (runc). {@code
 * cgroupPath} is its cgroup below each hierarchy's root and {@code limits} what the cgroup
 * allows; {@code workload} is what runs in it; {@code runDir} is the
 * host folder that appears at {@code /run/hearth} (its Runtime API socket, and for a trusted
 * portion its credential and egress socket); {@code egressProxy} says whether the container gets
 * the agent's egress proxy. {@code mountPoints} holds two empty host folders, {@code tmp} and
 * {@code pts}, on which a bwrap container's {@code /tmp} and {@code /dev/pts} are mounted, in a
 * mount namespace of its own, before bubblewrap binds them in. A stem cell's workload's {@code runtime} is {@link SandboxCommands#STEM_RUNTIME},
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
        Workload workload,
        boolean egressProxy) {}
