package io.orchestration.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real third-party server (Debian's prometheus, prometheus-alertmanager, ...) run as a child process
 * for a test: its output goes to a log in its own temp directory, it is waited for until a URL answers
 * 200, and {@link #close()} stops it and deletes the directory.
 */
public final class LocalServer implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path dir;

    private LocalServer(String name, Process process, Path dir) {
        this.name = name;
        this.process = process;
        this.dir = dir;
    }

    /** A port free right now on this machine, for a server that cannot pick its own. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Starts {@code command} (its config and data already in {@code dir}) and waits up to {@code within}
     * for {@code ready} to answer 200; a server that exits or never gets ready fails with its log.
     */
    public static LocalServer start(String name, Path dir, List<String> command, URI ready, Duration within)
            throws IOException, InterruptedException {
        Path binary = Path.of(command.get(0));
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(binary + " is missing: install it with the script under deploy/local/ that names it");
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
        LocalServer server = new LocalServer(name, process, dir);
        try {
            server.awaitReady(ready, within);
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public String log() {
        try {
            return Files.readString(dir.resolve(name + ".log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitReady(URI ready, Duration within) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + log());
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " was not ready within " + within + ": " + log());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
