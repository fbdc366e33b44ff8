package io.orchestration.alert.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.orchestration.testing.LocalServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.util.Map;

/** A real SMTP server (GreenMail) in the test JVM on a free port, which the application's mailer sends to. */
public class GreenMailSmtp implements QuarkusTestResourceLifecycleManager {

    private static GreenMail greenMail;

    public static GreenMail server() {
        return greenMail;
    }

    @Override
    public Map<String, String> start() {
        int port;
        try {
            port = LocalServer.freePort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for GreenMail", e);
        }
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(port));
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
