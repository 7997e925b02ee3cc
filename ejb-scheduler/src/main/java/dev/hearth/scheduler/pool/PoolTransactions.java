package dev.hearth.scheduler.pool;

import jakarta.enterprise.context.Dependent;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.function.Supplier;

/**
 * The JTA transactions {@link InstancePool} begins, as a bean of their own because an interceptor
 * binding applies only to calls from outside: the pool calls these while it holds its write lock,
 * so that a transaction commits before the lock is released, as it did when the pool was an EJB
 * (ADR 40), and its {@code @PostConstruct} recovery, which no interceptor binding reaches, gets a
 * transaction of its own.
 */
@Dependent
public class PoolTransactions {

    /** Runs {@code work} in the caller's transaction, or in a new one if it has none. */
    @Transactional(TxType.REQUIRED)
    public <T> T required(Supplier<T> work) {
        return work.get();
    }

    /** As {@link #required(Supplier)}, for work that returns nothing. */
    @Transactional(TxType.REQUIRED)
    public void required(Runnable work) {
        work.run();
    }

    /** Runs {@code work} in a new transaction, the caller's suspended meanwhile. */
    @Transactional(TxType.REQUIRES_NEW)
    public void requiresNew(Runnable work) {
        work.run();
    }
}
