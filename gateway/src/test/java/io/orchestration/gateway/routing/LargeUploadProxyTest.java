package io.orchestration.gateway.routing;

import io.orchestration.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A FOCUS import far above the shared 1 MB body limit passes the gateway byte for byte to cost-service (here a
 * receiver that digests what arrives without keeping it), while the same size to any other path is a 413 problem.
 * Neither side holds the body: it is generated as it is sent and hashed as it arrives.
 */
@QuarkusTest
class LargeUploadProxyTest {

    /** Where the test profile points gateway.services.cost. */
    private static final int COST_PORT = 18195;
    private static final long SIZE = 150L * 1024 * 1024;

    private static Vertx vertx;
    private static HttpServer costService;

    @TestHTTPResource("/")
    URI gateway;

    @BeforeAll
    static void startDigestingCostService() throws Exception {
        vertx = Vertx.vertx();
        costService = vertx.createHttpServer().requestHandler(request -> {
            MessageDigest sha256 = newSha256();
            long[] bytes = new long[1];
            request.handler(chunk -> {
                bytes[0] += chunk.length();
                sha256.update(chunk.getBytes());
            });
            request.endHandler(done -> request.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("path", request.path()).put("bytes", bytes[0])
                            .put("sha256", HexFormat.of().formatHex(sha256.digest())).encode()));
        }).listen(COST_PORT, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopCostService() {
        costService.close();
        vertx.close();
    }

    @Test
    void aHundredAndFiftyMegabyteImportReachesCostServiceWhole() throws Exception {
        GeneratedBody body = new GeneratedBody(SIZE);
        HttpResponse<String> response = http().send(HttpRequest.newBuilder(gateway.resolve("/api/costs/imports?onError=reject"))
                .header("Authorization", TestTokens.bearer(TestTokens.forRole("operator")))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), SIZE))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(201, response.statusCode(), response.body());
        JsonPath received = new JsonPath(response.body());
        assertEquals("/api/costs/imports", received.getString("path"));
        assertEquals(SIZE, received.getLong("bytes"));
        assertEquals(body.digest(), received.getString("sha256"));
    }

    @Test
    void theSameSizeToAnyOtherPathIsRefusedWithA413Problem() throws Exception {
        HttpResponse<String> response = http().send(HttpRequest.newBuilder(gateway.resolve("/api/costs"))
                .header("Authorization", TestTokens.bearer(TestTokens.forRole("operator")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedBody(SIZE)), SIZE))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonPath problem = new JsonPath(response.body());
        assertEquals(413, problem.getInt("status"));
        assertTrue(problem.getString("detail").contains("/api/costs/imports"), problem.getString("detail"));
    }

    /** HTTP/1.1 as the portal's clients and services speak it to the gateway. */
    private static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code size} bytes of CSV-like text made as they are read, hashed on the way. */
    private static final class GeneratedBody extends InputStream {

        private static final byte[] LINE = "12.5,12.5,USD,2024-01-01T00:00:00Z,2024-01-02T00:00:00Z,AWS,Compute,EC2,i-0abc,VM,eu-central-1,\n"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        private final long size;
        private final MessageDigest sha256 = newSha256();
        private long position;

        GeneratedBody(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(length, size - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = LINE[(int) ((position + i) % LINE.length)];
            }
            sha256.update(buffer, offset, n);
            position += n;
            return n;
        }

        String digest() {
            return HexFormat.of().formatHex(sha256.digest());
        }
    }
}
