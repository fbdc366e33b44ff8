package io.orchestration.systemtests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own (the machine's PostgreSQL 15 binaries, initdb into a temporary directory,
 * run as the postgres user), on a free port: a fault test may stop and restart it while the shared PostgreSQL (5432)
 * keeps serving everyone else. Logins from 127.0.0.1 are trusted; the role portal owns the databases it creates.
 */
final class PrivatePostgres implements AutoCloseable {

    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path directory;
    private final int port;

    private PrivatePostgres(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** initdb and start; creates role portal and {@code databases} owned by it. */
    static PrivatePostgres start(String... databases) throws Exception {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException(BIN + "/initdb is missing: the set-up installs PostgreSQL 15 (deploy/local/postgres.sh)");
        }
        Path directory = Files.createTempDirectory("private-postgres");
        run("chown", "postgres", directory.toString());
        PrivatePostgres postgres = new PrivatePostgres(directory, PrivateKafka.freePort());
        try {
            postgres.asPostgres(BIN.resolve("initdb").toString(), "-D", postgres.data(), "-U", "postgres", "--auth=trust",
                    "-E", "UTF8", "--locale=C.UTF-8");
            postgres.startServer();
            List<String> sql = new ArrayList<>(List.of("create role portal login password 'portal'"));
            for (String database : databases) {
                sql.add("create database " + database + " owner portal");
            }
            for (String statement : sql) {
                postgres.asPostgres(BIN.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(postgres.port),
                        "-U", "postgres", "-X", "-q", "-c", statement);
            }
            return postgres;
        } catch (Exception e) {
            postgres.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A fast shutdown (SIGINT): open sessions are ended with 57P01 admin_shutdown, new connections refused. */
    void stop() throws Exception {
        asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w", "stop");
    }

    void startServer() throws Exception {
        asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data(), "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -k " + directory, "-l", directory.resolve("server.log").toString(),
                "-w", "start");
    }

    @Override
    public void close() throws Exception {
        if (Files.exists(directory.resolve("data/postmaster.pid"))) {
            try {
                asPostgres(BIN.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w", "stop");
            } catch (IllegalStateException alreadyStopped) {
                // nothing runs there any more
            }
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private String data() {
        return directory.resolve("data").toString();
    }

    private void asPostgres(String... command) throws Exception {
        List<String> asUser = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        asUser.addAll(List.of(command));
        run(asUser.toArray(String[]::new));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
