package dev.tern.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    private static final Path BASE = Path.of("/srv/tern");

    @Test
    void emptyFileGivesDefaults() {
        ServerConfig config = load(new Properties());

        assertThat(config.domain()).isEqualTo("localhost");
        assertThat(config.dataDirectory()).isEqualTo(BASE.resolve("data"));
        assertThat(config.c2s().port()).isEqualTo(5222);
        assertThat(config.c2s().directTlsPort()).isEqualTo(5223);
        assertThat(config.c2s().conflictPolicy()).isEqualTo(ConflictPolicy.KICK_OLD);
        assertThat(config.tls().requiredForAuth()).isTrue();
        assertThat(config.tls().allowPlainWithoutTls()).isFalse();
        assertThat(config.auth().scramIterations()).isEqualTo(4096);
        assertThat(config).isEqualTo(ServerConfig.defaults(BASE.resolve("data")));
    }

    @Test
    void typedValuesAreRead() {
        Properties properties = new Properties();
        properties.setProperty("domain", "Example.COM");
        properties.setProperty("c2s.port", "0");
        properties.setProperty("c2s.direct_tls.port", "-1");
        properties.setProperty("c2s.ping_interval", "90s");
        properties.setProperty("c2s.idle_timeout", "3m");
        properties.setProperty("c2s.resource_conflict", "reject_new");
        properties.setProperty("tls.required", "false");
        properties.setProperty("xml.max_stanza_bytes", "65536");
        properties.setProperty("auth.throttle.base_delay", "250ms");

        ServerConfig config = load(properties);

        assertThat(config.domain()).isEqualTo("example.com");
        assertThat(config.c2s().port()).isZero();
        assertThat(config.c2s().directTlsEnabled()).isFalse();
        assertThat(config.c2s().pingInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.c2s().idleTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(config.c2s().conflictPolicy()).isEqualTo(ConflictPolicy.REJECT_NEW);
        assertThat(config.tls().requiredForAuth()).isFalse();
        assertThat(config.xmlLimits().maxStanzaBytes()).isEqualTo(65536);
        assertThat(config.auth().throttle().baseDelay()).isEqualTo(Duration.ofMillis(250));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "c2s.port|70000|use a TCP port",
            "c2s.port|-1|use a TCP port from 0",
            "c2s.direct_tls.port|abc|or -1 to disable",
            "tls.required|yes|use 'true' or 'false'",
            "auth.scram_iterations|1000|between 4096",
            "c2s.ping_interval|30|with a unit",
            "c2s.close_timeout|0s|positive number",
            "c2s.resource_conflict|kick_new|'kick_old' or 'reject_new'",
            "domain|user@example.com|bare domain",
            "xml.max_depth|1|between 2"})
    void invalidValueNamesKeyValueAndFix(String key, String value, String fix) {
        Properties properties = new Properties();
        properties.setProperty(key, value);

        assertThatThrownBy(() -> load(properties))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(value)
                .hasMessageContaining(fix);
    }

    @Test
    void unknownKeyIsRejected() {
        Properties properties = new Properties();
        properties.setProperty("c2s.prot", "5222");

        assertThatThrownBy(() -> load(properties))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("c2s.prot")
                .hasMessageContaining("c2s.port");
    }

    @Test
    void idleTimeoutMustExceedPingInterval() {
        Properties properties = new Properties();
        properties.setProperty("c2s.ping_interval", "5m");
        properties.setProperty("c2s.idle_timeout", "5m");

        assertThatThrownBy(() -> load(properties))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("c2s.idle_timeout")
                .hasMessageContaining("c2s.ping_interval");
    }

    @Test
    void certificateNeedsKey() {
        Properties properties = new Properties();
        properties.setProperty("tls.certificate_chain_file", "chain.pem");

        assertThatThrownBy(() -> load(properties))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tls.private_key_file");
    }

    private static ServerConfig load(Properties properties) {
        return ConfigLoader.fromProperties(properties, BASE);
    }
}
