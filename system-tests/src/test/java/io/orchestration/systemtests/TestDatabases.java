package io.orchestration.systemtests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The system tests' own databases (*_e2e, *_rep, *_flt on the shared PostgreSQL, or any other URL): emptied per run, read with plain SQL. */
final class TestDatabases {

    static final String SHARED = "jdbc:postgresql://127.0.0.1:5432/";

    private TestDatabases() {
    }

    /** Drops everything in each database so the services' Flyway builds it anew. */
    static void empty(String... names) throws SQLException {
        for (String name : names) {
            try (Connection db = connect(SHARED + name); Statement sql = db.createStatement()) {
                sql.execute("DROP SCHEMA public CASCADE");
                sql.execute("CREATE SCHEMA public");
            } catch (SQLException e) {
                if ("3D000".equals(e.getSQLState())) {
                    throw new IllegalStateException("database " + name + " does not exist: the set-up (deploy/local/postgres.sh)"
                            + " creates the *_e2e, *_rep and *_flt databases (owner portal)", e);
                }
                throw e;
            }
        }
    }

    static long count(String url, String query) throws SQLException {
        try (Connection db = connect(url); Statement sql = db.createStatement(); ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The first column of every row, as text. */
    static List<String> column(String url, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection db = connect(url); Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** The first column of every row mapped to the second, as text. */
    static Map<String, String> pairs(String url, String query) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        try (Connection db = connect(url); Statement sql = db.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                values.put(rows.getString(1), rows.getString(2));
            }
        }
        return values;
    }

    static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "portal", "portal");
    }
}
