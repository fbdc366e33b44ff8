package io.orchestration.admin.identity;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;

/**
 * Creates the first admin ({@code admin}) when no user exists yet, with the password the set-up chose:
 * PORTAL_ADMIN_PASSWORD, else the file ./portal writes (and `./portal admin-password` prints). No default password.
 */
@ApplicationScoped
public class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);

    void create(@Observes StartupEvent start, Accounts accounts, IdentityConfig config) throws Throwable {
        String password = config.bootstrap().password().filter(p -> !p.isBlank()).orElseGet(() -> readFile(config));
        if (password == null) {
            LOG.warnf("No first admin password: set PORTAL_ADMIN_PASSWORD or write %s; nobody can log in until a user exists",
                    config.bootstrap().passwordFile());
            return;
        }
        if (password.length() < 12) {
            throw new IllegalStateException("The first admin's password must have 12 characters or more");
        }
        if (VertxContextSupport.subscribeAndAwait(() -> accounts.createFirstAdmin(password))) {
            LOG.info("Created the first admin user 'admin'");
        }
    }

    private static String readFile(IdentityConfig config) {
        try {
            return Files.isReadable(config.bootstrap().passwordFile())
                    ? Files.readString(config.bootstrap().passwordFile()).trim() : null;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + config.bootstrap().passwordFile() + ": " + e.getMessage(), e);
        }
    }
}
