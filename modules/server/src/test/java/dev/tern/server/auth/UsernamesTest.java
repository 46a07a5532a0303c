package dev.tern.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernamesTest {

    @Test
    void prepareMapsToLowerCase() {
        assertThat(Usernames.prepare("Juliet")).isEqualTo("juliet");
    }

    @Test
    void prepareMapsFullwidthLetters() {
        assertThat(Usernames.prepare("\uff2aULIET")).isEqualTo("juliet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\"b", "a&b", "a'b", "a/b", "a:b", "a<b", "a>b", "a@b"})
    void prepareRejectsLocalpartDelimiters(String username) {
        assertThatThrownBy(() -> Usernames.prepare(username))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + username + "' is not a valid localpart");
    }

    @Test
    void prepareRejectsSpace() {
        assertThatThrownBy(() -> Usernames.prepare("romeo montague"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid localpart");
    }

    @Test
    void prepareRejectsEmpty() {
        assertThatThrownBy(() -> Usernames.prepare(""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prepareRejectsOverlongUsername() {
        String longest = "a".repeat(Usernames.MAX_LENGTH_BYTES);

        assertThat(Usernames.prepare(longest)).isEqualTo(longest);
        assertThatThrownBy(() -> Usernames.prepare(longest + "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than 1023 UTF-8 bytes");
    }

    @Test
    void requirePreparedNamesPreparedForm() {
        assertThatThrownBy(() -> Usernames.requirePrepared("Juliet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'juliet'");
    }
}
