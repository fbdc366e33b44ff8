package io.orchestration.cost.bench;

import io.orchestration.cost.support.FocusFile;
import io.orchestration.testing.LocalServer;
import io.orchestration.testing.TestTokens;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The FOCUS import benchmark (deploy/local/bench-cost.sh): a generated file of about 1 GB imported into the
 * packaged service (quarkus-run.jar as its own process, -Xmx256m by default) as a plain body, a gzip body and a
 * multipart file, against a plain COPY of the same file; records time, rows/s and the service's peak RSS and heap
 * in docs/benchmarks.md under "## Cost import". Runs only with -Dbench.cost=true; asserts only that every row
 * arrived, never a speed.
 */
@EnabledIfSystemProperty(named = "bench.cost", matches = "true")
class CostImportBenchmark {

    private static final LocalDate FIRST_DAY = LocalDate.of(2022, 6, 1);
    private static final String SECTION = "## Cost import";
    private static final long TARGET_BYTES = 1L << 30;

    private final int rows = Integer.getInteger("bench.cost.rows", 5_600_000);
    private final String heap = System.getProperty("bench.cost.heap", "256m");
    private final String database = System.getProperty("bench.cost.db", "cost_test");

    @Test
    void oneGigabyteImportsIntoASmallHeap() throws Exception {
        Path dir = Files.createTempDirectory("cost-bench");
        Path file = dir.resolve("focus.csv");
        Path gzip = dir.resolve("focus.csv.gz");
        generate(file, rows);
        long bytes = Files.size(file);
        zip(file, gzip);
        String load = loadAverage();
        double copySeconds = rawCopy(file);
        List<Run> runs = new ArrayList<>();
        try (ServiceUnderTest service = ServiceUnderTest.start(dir.resolve("service"), heap, database)) {
            runs.add(service.measure("plain `text/csv` body", () -> service.post(file, "text/csv")));
            runs.add(service.measure("gzip body", () -> service.post(gzip, "application/gzip")));
            runs.add(service.measure("multipart file", () -> service.postMultipart(file)));
            write(bytes, Files.size(gzip), copySeconds, runs, load, loadAverage(), service.peakRssBytes());
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(gzip);
            Files.deleteIfExists(dir);
        }
    }

    /** Rows over 30 days, 50 environments by tag, 3 providers and 3 currencies, every tenth row unallocated. */
    private static void generate(Path file, int rows) throws IOException {
        String[][] providers = {{"AWS", "USD", "eu-central-1"}, {"Microsoft", "EUR", "westeurope"}, {"Google Cloud", "GBP", "europe-west4"}};
        String[] categories = {"Compute", "Storage", "Networking", "Databases"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(FocusFile.HEADER);
            out.write('\n');
            for (int i = 0; i < rows; i++) {
                String[] provider = providers[i % 3];
                LocalDate day = FIRST_DAY.plusDays(i % 30);
                String amount = String.format(Locale.ROOT, "%d.%04d", i % 97, i % 10_000);
                String tags = i % 10 == 0 ? "" : "\"{\"\"environment\"\": \"\"bench-env-" + (i % 50) + "\"\", \"\"team\"\": \"\"platform\"\"}\"";
                out.write(amount + ',' + amount + ',' + provider[1] + ',' + day + "T00:00:00Z," + day.plusDays(1) + "T00:00:00Z,"
                        + provider[0] + ',' + categories[i % 4] + ",Service " + (i % 7) + ",res-" + (i % 20_000) + ",Virtual Machine,"
                        + provider[2] + ',' + tags + '\n');
            }
        }
    }

    private static void zip(Path file, Path gzip) throws IOException {
        try (InputStream in = Files.newInputStream(file);
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzip), 64 * 1024) {
                 {
                     def.setLevel(Deflater.BEST_SPEED);
                 }
             }) {
            in.transferTo(out);
        }
    }

    private double rawCopy(Path file) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "portal", "portal");
             Statement statement = connection.createStatement()) {
            statement.execute("create temp table focus_raw (billed_cost numeric(20, 6), effective_cost numeric(20, 6), currency text,"
                    + " charge_start timestamptz, charge_end timestamptz, provider text, service_category text, service_name text,"
                    + " resource_id text, resource_type text, region text, tags text)");
            long start = System.nanoTime();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy focus_raw from stdin (format csv, header true)", in);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            statement.execute("drop table focus_raw");
            return seconds;
        }
    }

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " / " + fields[1];
    }

    /** One import as measured: wall time and the service's peak heap while it ran. */
    record Run(String form, double seconds, long rowsImported, long peakHeapUsed, long peakLiveAfterGc, String phases) {
    }

    /** The packaged service as ./portal runs it (its own JVM, small heap), with a sampler of its memory. */
    private static final class ServiceUnderTest implements AutoCloseable {

        private final LocalServer server;
        private final int port;
        private final long pid;
        private final HttpClient http = HttpClient.newHttpClient();
        private volatile long peakHeapUsed;
        private volatile long peakLiveAfterGc;

        private ServiceUnderTest(LocalServer server, int port, long pid) {
            this.server = server;
            this.port = port;
            this.pid = pid;
        }

        static ServiceUnderTest start(Path dir, String heap, String database) throws Exception {
            Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: package cost-service first (deploy/local/bench-cost.sh does)");
            }
            Files.createDirectories(dir);
            Path publicKey = dir.resolve("jwt-public.pem");
            try (InputStream key = CostImportBenchmark.class.getResourceAsStream("/test-keys/jwt-public.pem")) {
                Files.copy(key, publicKey);
            }
            int port = LocalServer.freePort();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = List.of(java, "-Xmx" + heap, "-Xms32m", "-XX:+UseSerialGC", "-XX:MaxMetaspaceSize=160m", "-Xss512k",
                    "-Dquarkus.http.port=" + port, "-Dportal.db=" + database, "-Dcost.demo.enabled=false",
                    "-Dmp.jwt.verify.publickey.location=" + publicKey,
                    "-Dmp.messaging.incoming.environment-events.group.id=cost-bench-" + UUID.randomUUID(),
                    "-jar", jar.toString());
            LocalServer server = LocalServer.start("cost-service", dir, command, URI.create("http://127.0.0.1:" + port + "/q/health/ready"),
                    Duration.ofSeconds(120));
            long pid = ProcessHandle.current().descendants()
                    .filter(child -> child.info().arguments().map(args -> List.of(args).contains("-Dquarkus.http.port=" + port)).orElse(false))
                    .findFirst().orElseThrow(() -> new IllegalStateException("the service's process is not a child of this JVM")).pid();
            return new ServiceUnderTest(server, port, pid);
        }

        Run measure(String form, Import work) throws Exception {
            peakHeapUsed = 0;
            peakLiveAfterGc = 0;
            Thread sampler = new Thread(this::sampleMemory, "cost-bench-sampler");
            sampler.setDaemon(true);
            sampler.start();
            long start = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = work.send();
            } finally {
                sampler.interrupt();
                sampler.join();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(201, response.statusCode(), response.body() + "\n" + server.log());
            JsonPath report = new JsonPath(response.body());
            return new Run(form, seconds, report.getLong("rowsImported"), peakHeapUsed, peakLiveAfterGc, phasesOf(report.getString("id")));
        }

        /** What the service logged of an import's phases: "staged in X ms, swapped in Y ms" (the rest is cleanup and HTTP). */
        private String phasesOf(String importId) {
            Matcher logged = Pattern.compile("Import " + importId + " .*streamed and staged in (\\d+) ms, swapped in (\\d+) ms").matcher(server.log());
            return logged.find() ? String.format(Locale.ROOT, "%.1f s / %.1f s", Long.parseLong(logged.group(1)) / 1e3,
                    Long.parseLong(logged.group(2)) / 1e3) : "not logged";
        }

        HttpResponse<String> post(Path body, String contentType) throws Exception {
            return http.send(request().header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofFile(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postMultipart(Path file) throws Exception {
            String boundary = "cost-bench-" + UUID.randomUUID();
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"focus.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n";
            String tail = "\r\n--" + boundary + "--\r\n";
            return http.send(request().header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head), HttpRequest.BodyPublishers.ofFile(file),
                            HttpRequest.BodyPublishers.ofString(tail)))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        private HttpRequest.Builder request() {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/costs/imports?onError=reject"))
                    .header("Authorization", TestTokens.bearer(TestTokens.forRole("operator")));
        }

        /** Heap used (live and garbage) and the old generation after the last full GC, from the service's own metrics. */
        private void sampleMemory() {
            HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).timeout(Duration.ofSeconds(5)).build();
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    long used = 0;
                    for (String line : http.send(metrics, HttpResponse.BodyHandlers.ofString()).body().split("\n")) {
                        if (line.startsWith("jvm_memory_used_bytes{area=\"heap\"")) {
                            used += value(line);
                        } else if (line.startsWith("jvm_gc_live_data_size_bytes ")) {
                            peakLiveAfterGc = Math.max(peakLiveAfterGc, value(line));
                        }
                    }
                    peakHeapUsed = Math.max(peakHeapUsed, used);
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    // a missed sample; the next one follows
                }
            }
        }

        private static long value(String line) {
            return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }

        /** The kernel's high-water mark of the service's resident memory since it started. */
        long peakRssBytes() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            throw new IllegalStateException("no VmHWM for process " + pid);
        }

        @Override
        public void close() throws InterruptedException {
            server.close();
        }
    }

    @FunctionalInterface
    private interface Import {
        HttpResponse<String> send() throws Exception;
    }

    private void write(long bytes, long gzipBytes, double copySeconds, List<Run> runs, String loadBefore, String loadAfter, long peakRss)
            throws IOException {
        StringBuilder table = new StringBuilder("| import | time | rows/s | / raw COPY | parse+COPY / swap | peak heap used | peak old gen after full GC |\n"
                + "|---|---|---|---|---|---|---|\n");
        table.append(String.format(Locale.ROOT, "| raw `COPY` of the file (JDBC, no checks) | %.1f s | %,.0f | 1.00x | | | |%n",
                copySeconds, rows / copySeconds));
        boolean allRows = true;
        for (Run run : runs) {
            allRows &= run.rowsImported() == rows;
            table.append(String.format(Locale.ROOT, "| %s | %.1f s | %,.0f | %.2fx | %s | %d MB | %d MB |%n", run.form(), run.seconds(),
                    rows / run.seconds(), copySeconds / run.seconds(), run.phases(), run.peakHeapUsed() >> 20, run.peakLiveAfterGc() >> 20));
        }
        boolean met = allRows && bytes >= TARGET_BYTES * 95 / 100 && heapMegabytes() <= 256;
        String section = SECTION + "\n\n"
                + "Run " + OffsetDateTime.now(ZoneOffset.UTC).withNano(0) + " by `deploy/local/bench-cost.sh` (CostImportBenchmark): one generated FOCUS"
                + String.format(Locale.ROOT, " file of %,d rows, %,d bytes (%.2f GB; %.0f MB gzip-compressed), ", rows, bytes, bytes / 1e9, gzipBytes / 1e6)
                + "3 providers and currencies, 50 environments by tag, imported through `POST /api/costs/imports?onError=reject` of the packaged"
                + " service (`quarkus-run.jar` in its own JVM with `-Xmx" + heap + " -XX:+UseSerialGC`, as `./portal` runs it) from Java's HttpClient,"
                + " each import replacing the previous one's rows (streamed parse and checks, COPY into staging, swap into cost_record in one"
                + " transaction), against a plain `COPY` of the same file into a table of its columns. One run of each, same database."
                + " Load average (1 / 5 min) before: " + loadBefore + ", after: " + loadAfter + " (other developers share the 2 cores).\n\n"
                + "**Target: a 1 GB file with a 256 MB heap: " + (met ? "met" : "NOT met") + "** (every row of every form imported"
                + String.format(Locale.ROOT, "; service peak RSS %d MB over all three imports).%n%n", peakRss >> 20)
                + table
                + "\nparse+COPY / swap: as the service logs them (streamed parse and checks with COPY into staging; then, in one transaction,"
                + " deleting the replaced rows, inserting the new ones, ANALYZE and the budget, anomaly and region checks); the rest of the"
                + " time is dropping the staging rows and HTTP. The first import replaces nothing unless an earlier run left rows;"
                + " the others each replace the previous import's rows.\n"
                + "\nPeak heap used counts garbage not yet collected (sampled every 250 ms from the service's `/q/metrics`);"
                + " the old generation after a full GC is what stays live.\n";
        Path doc = Path.of("..", "docs", "benchmarks.md");
        String text = Files.exists(doc) ? Files.readString(doc) : "# Benchmarks\n\nFigures from the last run of each benchmark on this machine.\n";
        int at = text.indexOf(SECTION);
        if (at >= 0) {
            int next = text.indexOf("\n## ", at + SECTION.length());
            text = text.substring(0, at) + section + (next >= 0 ? text.substring(next) : "");
        } else {
            text = text.stripTrailing() + "\n\n" + section;
        }
        Files.writeString(doc, text);
    }

    private long heapMegabytes() {
        String digits = heap.replaceAll("\\D", "");
        long amount = Long.parseLong(digits);
        return heap.toLowerCase(Locale.ROOT).endsWith("g") ? amount * 1024 : amount;
    }
}
