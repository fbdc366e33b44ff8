package io.orchestration.outbox;

import io.smallrye.mutiny.CompositeException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.hibernate.JDBCException;

import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Tells a failure caused by the database being out of reach (stopped, restarting, connection lost) from any other:
 * the first is temporary and answered 503, the second is a bug. Seen on a PostgreSQL restart: connection refused,
 * ClosedConnectionException (wrapped by Hibernate Reactive, sometimes together with a failed rollback in a
 * CompositeException), "Connection is not active now" from a
 * pooled connection that died, 57P03 while it starts up, 57P01 when an administrator ends the session, 08xxx connection errors.
 */
final class DatabaseOutage {

    private static final String CONNECTION_CLOSED = "Connection is not active now";

    private DatabaseOutage() {
    }

    static boolean causedBy(Throwable failure) {
        Deque<Throwable> pending = new ArrayDeque<>();
        Set<Throwable> seen = new HashSet<>();
        pending.push(failure);
        while (!pending.isEmpty()) {
            Throwable next = pending.pop();
            if (!seen.add(next)) {
                continue;
            }
            if (isOutage(next)) {
                return true;
            }
            if (next instanceof CompositeException composite) {
                composite.getCauses().forEach(pending::push);
            }
            if (next.getCause() != null) {
                pending.push(next.getCause());
            }
        }
        return false;
    }

    /** SQLSTATE class 08 (connection exception) and 57P01..57P03 (admin/crash shutdown, cannot connect now). */
    static boolean isOutageState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("57P0"));
    }

    private static boolean isOutage(Throwable failure) {
        return failure instanceof ConnectException
                || failure instanceof ClosedConnectionException
                || failure instanceof io.netty.channel.ConnectTimeoutException
                // Vert.x says a pooled connection died only in a message-only throwable.
                || failure instanceof NoStackTraceThrowable && String.valueOf(failure.getMessage()).startsWith(CONNECTION_CLOSED)
                || failure instanceof PgException pg && isOutageState(pg.getSqlState())
                || failure instanceof JDBCException jdbc && isOutageState(jdbc.getSQLState());
    }
}
