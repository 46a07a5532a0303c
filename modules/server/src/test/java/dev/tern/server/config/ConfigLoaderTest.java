package dev.tern.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
        assertThat(config.modules()).isEqualTo(ServerConfig.Modules.none(Path.of("/srv/modules")));
        assertThat(config.management()).isEqualTo(new ServerConfig.Management("127.0.0.1", 8778, "admin",
                BASE.resolve("data/management.password")));
        assertThat(config).as("the defaults apart from the repository, which is ../modules from the file's folder")
                .isEqualTo(ServerConfig.defaults(BASE.resolve("data")).withModules(config.modules()));
    }

    @Test
    void moduleKeysAreRead() {
        Properties properties = new Properties();
        properties.setProperty("modules.repository", "/opt/tern/modules");
        properties.setProperty("modules.enabled", "roster, presence");
        properties.setProperty("modules.roster.version", "1.2.0");
        properties.setProperty("modules.roster.max-name-length", "100");
        properties.setProperty("modules.presence.some-option", "");

        ServerConfig.Modules modules = load(properties).modules();

        assertThat(modules.repository()).isEqualTo(Path.of("/opt/tern/modules"));
        assertThat(modules.enabled()).containsExactly("roster", "presence");
        assertThat(modules.version("roster")).contains("1.2.0");
        assertThat(modules.version("presence")).isEmpty();
        assertThat(modules.options("roster")).isEqualTo(Map.of("max-name-length", "100"));
        assertThat(modules.options("presence")).isEqualTo(Map.of("some-option", ""));
        assertThat(modules.options("other")).isEmpty();
    }

    @Test
    void managementKeysAreRead() {
        Properties properties = new Properties();
        properties.setProperty("management.bind_address", "::1");
        properties.setProperty("management.port", "-1");
        properties.setProperty("management.user", "operator");
        properties.setProperty("management.password_file", "secrets/management.password");

        ServerConfig.Management management = load(properties).management();

        assertThat(management.bindAddress()).isEqualTo("::1");
        assertThat(management.port()).isEqualTo(-1);
        assertThat(management.endpointEnabled()).isFalse();
        assertThat(management.user()).isEqualTo("operator");
        assertThat(management.passwordFile()).isEqualTo(BASE.resolve("secrets/management.password"));
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
            "xml.max_depth|1|between 2",
            "modules.enabled|Roster|Invalid module name 'Roster'",
            "modules.enabled|roster,roster|list module 'roster' once",
            "modules.roster|1.0|names no module option",
            "modules.roster.version|1..0|Invalid version '1..0'",
            "management.port|8778x|or -1 to disable",
            "management.user|ad:min|without ':'"})
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
