package io.orchestration.gateway;

import io.orchestration.testing.ServiceConventionsTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class GatewayConventionsTest extends ServiceConventionsTest {

    @Override
    protected boolean servesOwnApi() {
        return false;
    }
}
