package io.orchestration.outbox;

import io.netty.channel.ConnectTimeoutException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The failures a PostgreSQL restart raises (as seen in PostgresRestartIT's service logs) count as an outage; others do not. */
class DatabaseOutageTest {

    @Test
    void refusedLostOrShuttingDownConnectionsAreAnOutage() {
        assertTrue(DatabaseOutage.causedBy(new ConnectException("Connection refused")));
        assertTrue(DatabaseOutage.causedBy(new HibernateException(ClosedConnectionException.INSTANCE)));
        assertTrue(DatabaseOutage.causedBy(new CompositeException(List.of(
                new HibernateException(ClosedConnectionException.INSTANCE), new IllegalStateException("rollback failed")))));
        assertTrue(DatabaseOutage.causedBy(new PgException("the database system is starting up", "FATAL", "57P03", null)));
        assertTrue(DatabaseOutage.causedBy(new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)));
        assertTrue(DatabaseOutage.causedBy(new HibernateException("wrapped", new PgException("no connection", "FATAL", "08006", null))));
        assertTrue(DatabaseOutage.causedBy(new ConnectTimeoutException("connection timed out")));
        assertTrue(DatabaseOutage.causedBy(new CompositeException(List.of(
                new NoStackTraceThrowable("Connection is not active now, current status: CLOSED"),
                new NoStackTraceThrowable("Connection is not active now, current status: CLOSED")))));
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertFalse(DatabaseOutage.causedBy(new PgException("duplicate key", "ERROR", "23505", null)));
        assertFalse(DatabaseOutage.causedBy(new PgException("syntax error", "ERROR", "42601", null)));
        assertFalse(DatabaseOutage.causedBy(new HibernateException("mapping is wrong")));
        assertFalse(DatabaseOutage.causedBy(new NoStackTraceThrowable("Timed out")));
        assertFalse(DatabaseOutage.causedBy(new CompositeException(List.of(new IllegalStateException("a"), new IllegalArgumentException("b")))));
    }
}
