package dev.hearth.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** An admin's wish for the warming pool of one runtime: how many instances in all, how many per host. */
@Entity
@Table(name = "hearth_runtime_pool")
@NamedQuery(name = RuntimePoolEntity.ALL, query = "SELECT p FROM RuntimePoolEntity p ORDER BY p.runtime")
public class RuntimePoolEntity {

    public static final String ALL = "RuntimePoolEntity.all";

    @Id
    @Column(name = "runtime_id", length = 32)
    private String runtime;

    @Column(name = "warming_target", nullable = false)
    private int warmingTarget;

    @Column(name = "max_per_host", nullable = false)
    private int maxPerHost;

    protected RuntimePoolEntity() {}

    public RuntimePoolEntity(String runtime, int warmingTarget, int maxPerHost) {
        this.runtime = runtime;
        this.warmingTarget = warmingTarget;
        this.maxPerHost = maxPerHost;
    }

    public void change(int newWarmingTarget, int newMaxPerHost) {
        this.warmingTarget = newWarmingTarget;
        this.maxPerHost = newMaxPerHost;
    }

    public String runtime() {
        return runtime;
    }

    public int warmingTarget() {
        return warmingTarget;
    }

    public int maxPerHost() {
        return maxPerHost;
    }
}
