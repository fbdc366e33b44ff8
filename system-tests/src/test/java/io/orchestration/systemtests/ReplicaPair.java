package io.orchestration.systemtests;

import java.time.Duration;
import java.util.Map;

/**
 * Two replicas of one packaged service side by side, as two pods of a Deployment would run: the same configuration
 * (database, consumer groups, keys), each on its own port and with its own log (target/{module}-a.log, -b.log).
 * Either can be started late or killed, to show how the other takes over.
 */
final class ReplicaPair implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final String module;
    private final int firstPort;
    private final int secondPort;
    private final Map<String, String> properties;
    private RunningService first;
    private RunningService second;

    ReplicaPair(String module, int firstPort, int secondPort, Map<String, String> properties) {
        this.module = module;
        this.firstPort = firstPort;
        this.secondPort = secondPort;
        this.properties = Map.copyOf(properties);
    }

    /** Starts both replicas together and waits until both are ready. */
    ReplicaPair startBoth() throws Exception {
        first = RunningService.start(module, module + "-a", firstPort, properties);
        second = RunningService.start(module, module + "-b", secondPort, properties);
        first.awaitReady(READY_TIMEOUT);
        second.awaitReady(READY_TIMEOUT);
        return this;
    }

    RunningService startFirst() throws Exception {
        first = RunningService.start(module, module + "-a", firstPort, properties);
        first.awaitReady(READY_TIMEOUT);
        return first;
    }

    RunningService startSecond() throws Exception {
        second = RunningService.start(module, module + "-b", secondPort, properties);
        second.awaitReady(READY_TIMEOUT);
        return second;
    }

    RunningService first() {
        return first;
    }

    RunningService second() {
        return second;
    }

    @Override
    public void close() throws InterruptedException {
        for (RunningService replica : new RunningService[]{second, first}) {
            if (replica != null) {
                replica.close();
            }
        }
    }
}
