package io.orchestration.systemtests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web UI in a real browser (Debian's Chromium driven by npm playwright-core) against the packaged suite: sign in,
 * see the environments, toggle one while a second browser watches it change live, deploy (dry run) and follow the log
 * to the end, acknowledge an alert; a screenshot of every view lands in docs/screenshots. The scenario is
 * src/test/browser/portal-ui.e2e.mjs; its output is forwarded here and a non-zero exit fails the test.
 */
@ExtendWith(RunningPortal.class)
class BrowserEndToEndIT {

    private static final Path BROWSER_TESTS = RunningService.ROOT.resolve("system-tests/src/test/browser");
    private static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));

    @Test
    void operatorJourneyInChromium() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is missing: apt-get install -y chromium (./portal up installs it)");
        if (!Files.isDirectory(BROWSER_TESTS.resolve("node_modules/playwright-core"))) {
            assertEquals(0, run(List.of("npm", "ci", "--no-audit", "--no-fund"), 5), "npm ci of the browser tests");
        }
        ProcessBuilder scenario = new ProcessBuilder("node", "portal-ui.e2e.mjs");
        scenario.environment().put("PORTAL_URL", "http://127.0.0.1:" + RunningPortal.GATEWAY_PORT);
        scenario.environment().put("PORTAL_ADMIN_PASSWORD", RunningPortal.ADMIN_PASSWORD);
        scenario.environment().put("SCREENSHOT_DIR", RunningService.ROOT.resolve("docs/screenshots").toString());
        scenario.environment().put("CHROMIUM", CHROMIUM.toString());
        assertEquals(0, run(scenario, 10), "the browser scenario failed (its output is above)");
    }

    private static int run(List<String> command, int minutes) throws IOException, InterruptedException {
        return run(new ProcessBuilder(command), minutes);
    }

    private static int run(ProcessBuilder builder, int minutes) throws IOException, InterruptedException {
        Process process = builder.directory(BROWSER_TESTS.toFile()).redirectErrorStream(true).start();
        Thread forward = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(System.out::println);
            } catch (IOException e) {
                System.out.println("[browser e2e] output lost: " + e.getMessage());
            }
        });
        forward.start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            forward.join(5000);
            throw new AssertionError(String.join(" ", builder.command()) + " did not finish within " + minutes + " minutes");
        }
        forward.join(5000);
        return process.exitValue();
    }
}
