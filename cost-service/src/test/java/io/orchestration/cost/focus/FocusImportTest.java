package io.orchestration.cost.focus;

import io.agroal.api.AgroalDataSource;
import io.orchestration.common.events.EventTypes;
import io.orchestration.common.events.Topics;
import io.orchestration.cost.support.FocusFile;
import io.orchestration.testing.KafkaTopicProbe;
import io.orchestration.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static io.orchestration.cost.support.CostApi.as;
import static io.orchestration.cost.support.CostApi.awaitUntil;
import static io.orchestration.cost.support.CostApi.count;
import static io.orchestration.cost.support.CostApi.environmentExists;
import static io.orchestration.cost.support.CostApi.uniqueEnvironment;
import static io.orchestration.cost.support.FocusFile.money;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FOCUS files the test generates, imported through the API: totals, breakdowns and trends against sums
 * the test computes itself, re-import idempotence, line-numbered reports, and refusals that leave nothing.
 * Each test uses days of its own; re-running replaces the previous run's rows of those days.
 */
@QuarkusTest
class FocusImportTest {

    private static final String EU = uniqueEnvironment("focus-eu");
    private static final String AZ = uniqueEnvironment("focus-az");
    private static boolean environmentsKnown;

    @Inject
    AgroalDataSource db;

    @TestHTTPResource("/api/costs/imports?onError=import")
    URI imports;

    @BeforeEach
    void environmentsArriveAsEvents() throws Exception {
        if (!environmentsKnown) {
            environmentExists(db, EU, "aws", "eks-" + EU, "{\"allowed\": [\"eu-central-1\"]}");
            environmentExists(db, AZ, "azure", "aks-" + AZ, "{\"denied\": [\"eastus\"]}");
            environmentsKnown = true;
        }
    }

    /** Three providers, three currencies, environments by tag and by resource id, unallocated rows, one bad row. */
    private FocusFile mixedFile(LocalDate first) {
        FocusFile file = new FocusFile();
        for (int d = 0; d < 5; d++) {
            LocalDate day = first.plusDays(d);
            file.row(new FocusFile.Row("12.5" + d, "USD", day, "AWS", "aws", "Compute", "i-0abc" + d, "eu-central-1",
                    "{\"environment\": \"" + EU + "\", \"team\": \"platform\"}", EU));
            file.row(new FocusFile.Row("3.10", "EUR", day, "Microsoft", "azure", "Storage",
                    "/subscriptions/s1/resourceGroups/aks-" + AZ + "/providers/Microsoft.Storage/disks/d" + d, "westeurope", null, AZ));
            file.row(new FocusFile.Row("0.75", "GBP", day, "Google Cloud", "gcp", "Networking", "projects/p/egress", "europe-west4",
                    "{\"environment\": \"nowhere\"}", null));
        }
        return file;
    }

    @Test
    void importedTotalsBreakdownsAndTrendsEqualTheFileAndReimportChangesNothing() {
        LocalDate first = LocalDate.of(2024, 1, 1);
        FocusFile file = mixedFile(first);
        int badLine = file.badLine("not-a-number,1,USD,2024-01-02T00:00:00Z,2024-01-03T00:00:00Z,AWS,Compute,x,i-1,VM,eu-central-1,");

        JsonPath report;
        try (KafkaTopicProbe events = KafkaTopicProbe.watch(Topics.COST)) {
            report = as("operator").contentType("text/csv").body(file.text()).post("/api/costs/imports?onError=import")
                    .then().statusCode(201).extract().jsonPath();
            String importId = report.getString("id");
            events.awaitRecord(r -> EventTypes.COST_UPDATED.equals(KafkaTopicProbe.header(r, "ce_type"))
                    && importId.equals(KafkaTopicProbe.header(r, "ce_subject")), Duration.ofSeconds(10));
        }
        assertEquals(16, report.getInt("rowsRead"));
        assertEquals(15, report.getInt("rowsImported"));
        assertEquals(1, report.getInt("rowsRejected"));
        assertEquals(5, report.getInt("rowsUnallocated"));
        assertEquals(badLine, report.getInt("errors[0].line"));
        assertEquals("BilledCost 'not-a-number' is not a number", report.getString("errors[0].reason"));
        as("viewer").get("/api/costs/imports/{id}", report.getString("id")).then().statusCode(200)
                .body("rowsImported", equalTo(15)).body("errors[0].line", equalTo(badLine));

        Map<String, Object> before = assertSummaryEqualsFile(file, "2024-01-01", "2024-01-05");
        JsonPath trend = as("viewer").get("/api/costs/trends?days=30&to=2024-01-05").then().statusCode(200).extract().jsonPath();
        Map<String, BigDecimal> byDay = file.usdBy(row -> row.day().toString());
        byDay.forEach((day, usd) -> assertEquals(money(usd), trend.getDouble("series.find { it.date == '" + day + "' }.amount"), 0.001, day));
        assertEquals(0.0, trend.getDouble("series.find { it.date == '2023-12-31' }.amount"), 0.0);

        JsonPath again = as("operator").contentType("text/csv").body(file.text()).post("/api/costs/imports?onError=import")
                .then().statusCode(201).extract().jsonPath();
        assertEquals(15, again.getInt("rowsReplaced"));
        assertEquals(before, assertSummaryEqualsFile(file, "2024-01-01", "2024-01-05"));
    }

    private Map<String, Object> assertSummaryEqualsFile(FocusFile file, String from, String to) {
        JsonPath summary = as("viewer").get("/api/costs/summary?from={f}&to={t}", from, to).then().statusCode(200).extract().jsonPath();
        assertEquals(money(file.totalUsd()), summary.getDouble("total"), 0.001);
        assertSums(file.usdBy(FocusFile.Row::providerId), summary.getMap("byProvider"));
        assertSums(file.usdBy(FocusFile.Row::environment), summary.getMap("byEnvironment"));
        assertSums(file.usdBy(FocusFile.Row::category), summary.getMap("byServiceCategory"));
        assertSums(file.usdBy(row -> switch (row.category()) {
            case "Compute" -> "compute";
            case "Storage" -> "storage";
            default -> "network";
        }), summary.getMap("byResourceType"));
        return summary.getMap("");
    }

    private static void assertSums(Map<String, BigDecimal> expected, Map<String, Object> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((key, usd) -> assertEquals(money(usd), ((Number) actual.get(key)).doubleValue(), 0.001, key));
    }

    @Test
    void unallocatedCostsCanBeListedAndSummedApartAndStayInEverySummary() {
        FocusFile file = mixedFile(LocalDate.of(2022, 11, 1));
        as("operator").contentType("text/csv").body(file.text()).post("/api/costs/imports?onError=reject").then().statusCode(201);
        String range = "from=2022-11-01&to=2022-11-05";

        JsonPath unallocated = as("viewer").get("/api/costs?allocation=unallocated&size=100&" + range).then().statusCode(200).extract().jsonPath();
        assertEquals(5, unallocated.getLong("total"));
        assertEquals(List.of(true), unallocated.getList("items.unallocated").stream().distinct().toList());
        assertEquals(List.of("gcp"), unallocated.getList("items.provider").stream().distinct().toList());
        JsonPath allocated = as("viewer").get("/api/costs?allocation=allocated&size=100&" + range).then().statusCode(200).extract().jsonPath();
        assertEquals(10, allocated.getLong("total"));
        assertEquals(List.of(false), allocated.getList("items.unallocated").stream().distinct().toList());

        Map<String, BigDecimal> usdByEnvironment = file.usdBy(FocusFile.Row::environment);
        JsonPath summary = as("viewer").get("/api/costs/summary?allocation=unallocated&" + range).then().statusCode(200).extract().jsonPath();
        assertEquals(money(usdByEnvironment.get("(unallocated)")), summary.getDouble("total"), 0.001);
        assertEquals(List.of("(unallocated)"), List.copyOf(summary.getMap("byEnvironment").keySet()));
        assertSummaryEqualsFile(file, "2022-11-01", "2022-11-05");

        as("viewer").get("/api/costs?allocation=orphaned&" + range).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("allocated, unallocated"));
        as("viewer").get("/api/costs/summary?allocation=unallocated&environment={e}&" + range, EU).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aFileWithBadRowsAndOnErrorRejectImportsNothingAndNamesEveryLine() {
        LocalDate first = LocalDate.of(2024, 2, 1);
        FocusFile file = mixedFile(first);
        int notNumeric = file.badLine("12x,1,USD,2024-02-02T00:00:00Z,2024-02-03T00:00:00Z,AWS,Compute,x,i-1,VM,eu-central-1,");
        int unknownCurrency = file.badLine("1,1,XYZ,2024-02-02T00:00:00Z,2024-02-03T00:00:00Z,AWS,Compute,x,i-1,VM,eu-central-1,");
        int outOfOrder = file.badLine("1,1,USD,2024-02-03T00:00:00Z,2024-02-02T00:00:00Z,AWS,Compute,x,i-1,VM,eu-central-1,");
        int shortRow = file.badLine("1,1,USD");
        long before = count(db, "select count(*) from cost_record where usage_date between '2024-02-01' and '2024-02-28'");

        as("operator").contentType("text/csv").body(file.text()).post("/api/costs/imports?onError=reject")
                .then().statusCode(422).contentType("application/problem+json")
                .body("rowsRejected", equalTo(4))
                .body("errors.line", equalTo(List.of(notNumeric, unknownCurrency, outOfOrder, shortRow)))
                .body("errors[1].reason", containsString("XYZ"))
                .body("errors[2].reason", containsString("is not after"))
                .body("errors[3].reason", containsString("the header has 12"));

        assertEquals(before, count(db, "select count(*) from cost_record where usage_date between '2024-02-01' and '2024-02-28'"));
        assertEquals(0, count(db, "select count(*) from cost_staging"));
    }

    @Test
    void importsAreListedNewestFirstWithTheirCountsAndTheirLineErrorsOnlyInTheirOwnReport() {
        FocusFile file = mixedFile(LocalDate.of(2021, 5, 1));
        int bad = file.badLine("1,1,XYZ,2021-05-02T00:00:00Z,2021-05-03T00:00:00Z,AWS,Compute,x,i-1,VM,eu-central-1,");
        String older = as("operator").contentType("text/csv").body(mixedFile(LocalDate.of(2021, 4, 1)).text())
                .post("/api/costs/imports?onError=import").then().statusCode(201).extract().path("id");
        String newer = as("operator").contentType("text/csv").body(file.text())
                .post("/api/costs/imports?onError=import").then().statusCode(201).extract().path("id");

        List<String> ids = as("viewer").get("/api/costs/imports?size=500").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        assertTrue(ids.indexOf(newer) >= 0 && ids.indexOf(newer) < ids.indexOf(older), "newest first: " + ids);
        as("viewer").get("/api/costs/imports?size=500").then()
                .body("items.find { it.id == '%s' }.rowsRejected".formatted(newer), equalTo(1))
                .body("items.find { it.id == '%s' }.errors".formatted(newer), equalTo(List.of()))
                .body("items.find { it.id == '%s' }.errorsTruncated".formatted(newer), equalTo(true))
                .body("items.find { it.id == '%s' }.errorsTruncated".formatted(older), equalTo(false));
        as("viewer").get("/api/costs/imports/{id}", newer).then().statusCode(200).body("errors.line", equalTo(List.of(bad)));
        as("viewer").get("/api/costs/imports?size=0").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aWrongHeaderOrAMissingChoiceIsA400AndWritesNothing() {
        long before = count(db, "select count(*) from cost_record");
        as("operator").contentType("text/csv").body("Cost,Currency\n1,USD\n").post("/api/costs/imports?onError=import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("BilledCost"));
        as("operator").contentType("text/csv").body("").post("/api/costs/imports?onError=import")
                .then().statusCode(400).contentType("application/problem+json");
        as("operator").contentType("text/csv").body(mixedFile(LocalDate.of(2024, 3, 1)).text()).post("/api/costs/imports")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("onError"));
        as("viewer").contentType("text/csv").body(mixedFile(LocalDate.of(2024, 3, 1)).text()).post("/api/costs/imports?onError=import")
                .then().statusCode(403);
        assertEquals(before, count(db, "select count(*) from cost_record"));
    }

    @Test
    void gzipBodiesAndMultipartFilesImportLikePlainOnes() throws IOException {
        FocusFile gzipped = mixedFile(LocalDate.of(2024, 3, 1));
        as("operator").contentType("application/gzip").body(gzip(gzipped.text().getBytes(StandardCharsets.UTF_8)))
                .post("/api/costs/imports?onError=reject").then().statusCode(201).body("rowsImported", equalTo(15));
        assertSummaryEqualsFile(gzipped, "2024-03-01", "2024-03-05");

        FocusFile multipart = mixedFile(LocalDate.of(2024, 4, 1));
        try (KafkaTopicProbe audit = KafkaTopicProbe.watch(Topics.AUDIT)) {
            String importId = as("operator").multiPart("file", "focus.csv", multipart.text().getBytes(StandardCharsets.UTF_8), "text/csv")
                    .post("/api/costs/imports?onError=reject").then().statusCode(201).body("rowsImported", equalTo(15))
                    .body("providers", hasItem("gcp")).extract().path("id");
            audit.awaitRecord(r -> r.value().contains("ImportResource.importMultipart") && r.value().contains(importId), Duration.ofSeconds(10));
        }
        assertSummaryEqualsFile(multipart, "2024-04-01", "2024-04-05");
    }

    @Test
    void aClientOfferingCleartextHttp2IsAnsweredOverHttp11WhereThePausedBodyStopsTheSocket() throws Exception {
        FocusFile file = mixedFile(LocalDate.of(2024, 5, 1));
        HttpClient http2First = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> response = http2First.send(HttpRequest.newBuilder(imports)
                .header("Authorization", TestTokens.bearer(TestTokens.forRole("operator")))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(file.text()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        assertEquals(HttpClient.Version.HTTP_1_1, response.version());
    }

    @Test
    void rowsReachTheDatabaseWhileTheBodyIsStillArriving() throws Exception {
        byte[] row = "2.00,2.00,USD,2023-10-01T00:00:00Z,2023-10-02T00:00:00Z,AWS,Compute,x,i-streamed,VM,eu-central-1,\n"
                .getBytes(StandardCharsets.US_ASCII);
        int rowsBeforePause = 50_000;
        PipedOutputStream sender = new PipedOutputStream();
        PipedInputStream body = new PipedInputStream(sender, 64 * 1024);
        CompletableFuture<HttpResponse<String>> response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(imports)
                .header("Authorization", TestTokens.bearer(TestTokens.forRole("operator")))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build(), HttpResponse.BodyHandlers.ofString());
        try (sender) {
            sender.write((FocusFile.HEADER + "\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < rowsBeforePause; i++) {
                sender.write(row);
            }
            sender.flush();
            // The rest of the body is held back until PostgreSQL has received rows of it: a server that waited for
            // the whole body before parsing would never get here.
            awaitUntil(() -> count(db, "select coalesce(sum(tuples_processed), 0) from pg_stat_progress_copy"
                    + " where relid = 'cost_staging'::regclass and datname = current_database()") > 0, "rows of the unfinished body to reach the COPY");
            sender.write(row);
        }
        HttpResponse<String> done = response.get(60, TimeUnit.SECONDS);
        assertEquals(201, done.statusCode(), done.body());
        assertEquals(rowsBeforePause + 1, new JsonPath(done.body()).getInt("rowsImported"));
    }

    @Test
    void aHundredMegabyteUploadAboveTheLimitIsA413AndWritesNothing() throws Exception {
        long before = count(db, "select count(*) from cost_record");
        long hundredMegabytes = 100L * 1024 * 1024;
        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(imports)
                .header("Authorization", TestTokens.bearer(TestTokens.forRole("operator")))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> repeatedRows(hundredMegabytes)), hundredMegabytes))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, plain.statusCode());
        assertEquals("application/problem+json", plain.headers().firstValue("Content-Type").orElse(""));

        // Small on the wire, 100 MB once unzipped: the limit counts what the gzip expands to.
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(zipped); InputStream rows = repeatedRows(hundredMegabytes)) {
            rows.transferTo(zip);
        }
        as("operator").contentType("application/gzip").body(zipped.toByteArray()).post("/api/costs/imports?onError=import")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("unzipped"));
        assertEquals(before, count(db, "select count(*) from cost_record"));
        assertEquals(0, count(db, "select count(*) from cost_staging"));
    }

    /** A valid FOCUS file of {@code size} bytes, generated as it is read. */
    private static InputStream repeatedRows(long size) {
        byte[] header = (FocusFile.HEADER + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] row = "1.00,1.00,USD,2023-06-01T00:00:00Z,2023-06-02T00:00:00Z,AWS,Compute,x,i-1,VM,eu-central-1,\n"
                .getBytes(StandardCharsets.US_ASCII);
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                if (position >= size) {
                    return -1;
                }
                long at = position++;
                return at < header.length ? header[(int) at] : row[(int) ((at - header.length) % row.length)];
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(length, size - position);
                for (int i = 0; i < n; i++) {
                    buffer[offset + i] = (byte) read();
                }
                return n;
            }
        };
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }
}
