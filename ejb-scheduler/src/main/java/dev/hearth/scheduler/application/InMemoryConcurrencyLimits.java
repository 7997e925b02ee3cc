package dev.hearth.scheduler.application;

import java.util.HashMap;
import java.util.Map;

/** The concurrency limits counted in this server's memory: one server, Payara's data grid off. */
public class InMemoryConcurrencyLimits extends WaitingConcurrencyLimits {

    private final Map<String, Integer> runningByFunction = new HashMap<>();
    private final Map<String, Integer> runningByUser = new HashMap<>();

    public InMemoryConcurrencyLimits(SchedulerSettings initial, SchedulerMetrics metrics) {
        super(initial, metrics);
    }

    /** One member: this one is every member. */
    @Override
    public void applyOnEveryMember(SchedulerSettings changed) {
        apply(changed);
    }

    @Override
    protected synchronized boolean tryTake(String user, String functionName, SchedulerSettings limits) {
        if (runningByFunction.getOrDefault(functionName, 0) >= limits.maxConcurrentPerFunction()
                || runningByUser.getOrDefault(user, 0) >= limits.maxConcurrentPerUser()) {
            return false;
        }
        runningByFunction.merge(functionName, 1, Integer::sum);
        runningByUser.merge(user, 1, Integer::sum);
        return true;
    }

    @Override
    protected synchronized void giveBack(String user, String functionName) {
        runningByFunction.computeIfPresent(functionName, (f, n) -> n > 1 ? n - 1 : null);
        runningByUser.computeIfPresent(user, (u, n) -> n > 1 ? n - 1 : null);
    }
}
