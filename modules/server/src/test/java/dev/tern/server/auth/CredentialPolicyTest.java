package dev.tern.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CredentialPolicyTest {

    @Test
    void defaultsUse4096Iterations() {
        assertThat(CredentialPolicy.defaults().iterations()).isEqualTo(4096);
    }

    @Test
    void configuredCountAboveMinimumAccepted() {
        assertThat(CredentialPolicy.withIterations(10_000).iterations()).isEqualTo(10_000);
    }

    @Test
    void configuredCountBelowMinimumRejected() {
        assertThatThrownBy(() -> CredentialPolicy.withIterations(4095))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4095")
                .hasMessageContaining("at least 4096");
    }

    @Test
    void testOverrideAllowsLowCount() {
        assertThat(CredentialPolicy.insecureForTests(2).iterations()).isEqualTo(2);
    }
}
