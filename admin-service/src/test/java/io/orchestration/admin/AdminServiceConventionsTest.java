package io.orchestration.admin;

import io.orchestration.testing.ServiceConventionsTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AdminServiceConventionsTest extends ServiceConventionsTest {
}
