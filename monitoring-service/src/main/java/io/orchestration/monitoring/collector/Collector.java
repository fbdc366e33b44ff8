package io.orchestration.monitoring.collector;

import io.orchestration.monitoring.domain.Reading;
import io.orchestration.monitoring.domain.ServiceType;
import io.orchestration.monitoring.domain.Target;
import io.smallrye.mutiny.Uni;
import org.web3j.exceptions.MessageDecodingException;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** Collects one reading from one target of its service type. */
public interface Collector {

    ServiceType type();

    /** Never fails: a target that does not answer gives an {@code unreachable} reading, one that misbehaves an {@code error} one. */
    Uni<Reading> collect(Target target);

    /** Runs {@code collection} and turns any failure into the reading it stands for. */
    static Uni<Reading> guarded(Target target, Function<OffsetDateTime, Uni<Reading>> collection) {
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC);
        Uni<Reading> reading;
        try {
            reading = collection.apply(at);
        } catch (RuntimeException failure) {
            reading = Uni.createFrom().failure(failure);
        }
        return reading.onFailure().recoverWithItem(failure -> asReading(target, at, failure));
    }

    private static Reading asReading(Target target, OffsetDateTime at, Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof TargetUnreachable) {
            return Reading.unreachable(target, at, cause.getMessage());
        }
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
            return Reading.unreachable(target, at, "no answer in time: " + cause.getMessage());
        }
        if (cause instanceof IOException) {
            return Reading.unreachable(target, at, cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
        if (cause instanceof TargetMisbehaves) {
            return Reading.failed(target, at, cause.getMessage());
        }
        if (cause instanceof MessageDecodingException) {
            // web3j decodes a reply's values only when they are read: a malformed quantity is the target's fault.
            return Reading.failed(target, at, "answered a value that cannot be decoded: " + cause.getMessage());
        }
        return Reading.failed(target, at, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }
}
