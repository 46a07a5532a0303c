package dev.tern.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void asciiPasswordUnchanged() {
        assertThat(Passwords.prepare("pencil")).isEqualTo("pencil".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void composesToNormalFormC() {
        // "e" followed by COMBINING ACUTE ACCENT becomes U+00E9.
        assertThat(Passwords.prepare("caf\u0065\u0301")).isEqualTo("caf\u00e9".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void mapsNonAsciiSpaceToAsciiSpace() {
        assertThat(Passwords.prepare("pass\u00a0word")).isEqualTo("pass word".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rejectsEmptyPassword() {
        assertThatThrownBy(() -> Passwords.prepare(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Password is invalid");
    }

    @Test
    void rejectionNeverQuotesPassword() {
        String password = "secret\u0007bell";

        assertThatThrownBy(() -> Passwords.prepare(password))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret")
                .hasMessageNotContaining("0x7")
                .hasNoCause();
    }
}
