package io.orchestration.outbox;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs a reactive database task every {@code interval}, never two passes at once, each pass on a
 * fresh safe Vert.x context as Hibernate Reactive requires. For sub-second work the scheduler
 * extension cannot do (it has one-second resolution).
 */
public final class PeriodicTask {

    private static final Logger LOG = Logger.getLogger(PeriodicTask.class);

    private final Vertx vertx;
    private final long timerId;

    private PeriodicTask(Vertx vertx, long timerId) {
        this.vertx = vertx;
        this.timerId = timerId;
    }

    public static PeriodicTask start(Vertx vertx, String name, Duration interval, Supplier<Uni<?>> pass) {
        AtomicBoolean running = new AtomicBoolean();
        long timerId = vertx.setPeriodic(interval.toMillis(), tick -> {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            Context context = VertxContext.createNewDuplicatedContext();
            VertxContextSafetyToggle.setContextSafe(context, true);
            context.runOnContext(ignored -> pass.get().subscribe().with(
                    done -> running.set(false),
                    failure -> {
                        running.set(false);
                        LOG.warnf("%s pass failed, will retry: %s", name, failure.getMessage());
                    }));
        });
        return new PeriodicTask(vertx, timerId);
    }

    public void stop() {
        vertx.cancelTimer(timerId);
    }
}
