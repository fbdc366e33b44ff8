package io.orchestration.alert;

import io.orchestration.testing.ServiceConventionsTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AlertServiceConventionsTest extends ServiceConventionsTest {
}
