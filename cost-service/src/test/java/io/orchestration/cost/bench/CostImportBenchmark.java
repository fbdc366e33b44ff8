package io.orchestration.cost.bench;

import io.agroal.api.AgroalDataSource;
import io.orchestration.cost.support.FocusFile;
import io.orchestration.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.PGConnection;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The FOCUS import benchmark (deploy/local/bench-cost.sh): rows per second through
 * POST /api/costs/imports against a plain COPY of the same file into a table of its columns, same run,
 * same database; writes the figures to docs/benchmarks.md under "## Cost import". Runs only with
 * -Dbench.cost=true; asserts only that every row arrived, never a speed.
 */
@QuarkusTest
@TestProfile(CostImportBenchmark.LargeImports.class)
@EnabledIfSystemProperty(named = "bench.cost", matches = "true")
class CostImportBenchmark {

    private static final LocalDate FIRST_DAY = LocalDate.of(2022, 6, 1);
    private static final String SECTION = "## Cost import";

    public static class LargeImports implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cost.imports.max-size", "2G", "quarkus.http.limits.max-body-size", "2G");
        }
    }

    @Inject
    AgroalDataSource db;

    @TestHTTPResource("/api/costs/imports?onError=reject")
    URI imports;

    @Test
    void importRateAgainstRawCopy() throws Exception {
        int rows = Integer.getInteger("bench.cost.rows", 1_000_000);
        Path file = Files.createTempFile("focus-bench", ".csv");
        try {
            generate(file, rows);
            long bytes = Files.size(file);
            double copySeconds = Math.min(rawCopy(file), rawCopy(file));
            double importSeconds = Math.min(importThroughApi(file, rows), importThroughApi(file, rows));
            write(rows, bytes, copySeconds, importSeconds);
        } finally {
            Files.deleteIfExists(file);
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

    private double rawCopy(Path file) throws Exception {
        try (Connection connection = db.getConnection(); Statement statement = connection.createStatement()) {
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

    private double importThroughApi(Path file, int rows) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(imports)
                .header("Authorization", TestTokens.bearer(TestTokens.forRole("operator")))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(file))
                .build(), HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(201, response.statusCode(), response.body());
        assertEquals(rows, new JsonPath(response.body()).getLong("rowsImported"));
        return seconds;
    }

    private static void write(int rows, long bytes, double copySeconds, double importSeconds) throws IOException {
        double copyRate = rows / copySeconds;
        double importRate = rows / importSeconds;
        String section = SECTION + "\n\n"
                + "Run " + OffsetDateTime.now(ZoneOffset.UTC).withNano(0) + " by `deploy/local/bench-cost.sh` (CostImportBenchmark): one FOCUS file of "
                + String.format(Locale.ROOT, "%,d rows (%.1f MB)", rows, bytes / 1e6) + ", 3 providers and currencies, 50 environments by tag,"
                + " imported through `POST /api/costs/imports` (streamed parse and checks, COPY into staging, swap into cost_record in one"
                + " transaction, replacing the previous run's rows), against a plain `COPY` of the same file into a table of its columns."
                + " Best of two runs each, same JVM and database.\n\n"
                + "| measure | value |\n|---|---|\n"
                + String.format(Locale.ROOT, "| raw COPY | %.2f s, %,.0f rows/s |%n", copySeconds, copyRate)
                + String.format(Locale.ROOT, "| import through the API | %.2f s, %,.0f rows/s |%n", importSeconds, importRate)
                + String.format(Locale.ROOT, "| import / raw COPY | %.2fx |%n", importRate / copyRate)
                + String.format(Locale.ROOT, "| JVM heap limit (service and benchmark in one JVM) | %d MB for a %.0f MB file |%n",
                Runtime.getRuntime().maxMemory() / (1024 * 1024), bytes / 1e6);
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
}
