package io.orchestration.monitoring;

import io.orchestration.testing.ServiceConventionsTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MonitoringServiceConventionsTest extends ServiceConventionsTest {
}
