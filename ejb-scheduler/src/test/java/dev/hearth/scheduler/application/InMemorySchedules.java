package dev.hearth.scheduler.application;

import dev.hearth.persistence.FunctionEntity;
import dev.hearth.persistence.FunctionScheduleEntity;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Schedules in a list, with the table's claim rule: the last slot only moves forward, at the same revision. */
final class InMemorySchedules implements ScheduleRepository {

    final List<FunctionScheduleEntity> rows = new ArrayList<>();

    @Override
    public List<FunctionScheduleEntity> of(String functionId) {
        return rows.stream()
                .filter(s -> s.functionId().equals(functionId))
                .sorted(Comparator.comparing(FunctionScheduleEntity::scheduleName))
                .toList();
    }

    @Override
    public Optional<FunctionScheduleEntity> find(String functionId, String scheduleName) {
        return of(functionId).stream()
                .filter(s -> s.scheduleName().equals(scheduleName))
                .findFirst();
    }

    @Override
    public Optional<FunctionScheduleEntity> byId(String scheduleId) {
        return rows.stream().filter(s -> s.id().equals(scheduleId)).findFirst();
    }

    @Override
    public List<FunctionScheduleEntity> all() {
        return List.copyOf(rows);
    }

    @Override
    public void add(FunctionScheduleEntity schedule) {
        rows.add(schedule);
    }

    @Override
    public void remove(FunctionScheduleEntity schedule) {
        rows.remove(schedule);
    }

    @Override
    public void removeOfFunction(String functionId) {
        rows.removeIf(s -> s.functionId().equals(functionId));
    }

    @Override
    public boolean claim(String scheduleId, int revision, Instant slot) {
        Optional<FunctionScheduleEntity> row = byId(scheduleId).filter(s -> s.revision() == revision);
        if (row.isEmpty()
                || row.get().lastSlot().filter(last -> !last.isBefore(slot)).isPresent()) {
            return false;
        }
        try {
            Field last = FunctionScheduleEntity.class.getDeclaredField("lastSlotMillis");
            last.setAccessible(true);
            last.set(row.get(), slot.toEpochMilli());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return true;
    }

    /** A repository of the given functions. */
    static FunctionRepository functions(List<FunctionEntity> functions) {
        return new FunctionRepository() {
            @Override
            public Optional<FunctionEntity> find(String name) {
                return functions.stream().filter(f -> f.name().equals(name)).findFirst();
            }

            @Override
            public List<FunctionEntity> all() {
                return functions;
            }

            @Override
            public List<FunctionEntity> ownedBy(String owner) {
                return functions.stream().filter(f -> f.owner().equals(owner)).toList();
            }

            @Override
            public void add(FunctionEntity function) {}

            @Override
            public void remove(FunctionEntity function) {}
        };
    }
}
