package io.orchestration.cost;

import io.orchestration.testing.ServiceConventionsTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CostServiceConventionsTest extends ServiceConventionsTest {
}
