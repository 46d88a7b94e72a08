package dev.jkvm.compare;

import java.time.Duration;

/**
 * What one boot measured: the exit statistics `jkvm run --stats-json` wrote, what the guest script printed,
 * and the host CPU time (user + system) and wall time of the whole `jkvm run` process.
 */
public record RunResult(RunRequest request, ExitStats stats, Workload.Log log, Duration hostCpu, Duration wall) {}
