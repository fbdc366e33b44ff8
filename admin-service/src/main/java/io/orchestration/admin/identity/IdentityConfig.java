package io.orchestration.admin.identity;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "admin")
public interface IdentityConfig {

    Tokens tokens();

    Login login();

    Bootstrap bootstrap();

    interface Tokens {
        String issuer();

        String keyId();

        Duration lifetime();
    }

    interface Login {
        /** Failed logins in a row that lock the account. */
        int maxFailures();

        /** How long a locked account stays locked. */
        Duration lockout();
    }

    /** Where the first admin's password comes from: the value, else the file the set-up writes. */
    interface Bootstrap {
        Optional<String> password();

        Path passwordFile();
    }
}
