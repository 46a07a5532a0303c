package dev.tern.hotload.descriptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DescriptorParserTest {

    private static ModuleDescriptor parse(String text) throws IOException {
        return DescriptorParser.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.properties");
    }

    @Test
    void parsesEveryKey() throws IOException {
        ModuleDescriptor descriptor = parse("""
                name=echo
                version=1.2.0
                entry=org.example.Echo
                api.tern.kernel=[0.1,1)
                requires.storage=[1.0,2.0)
                uses.metrics=*
                option.greeting.type=string
                option.greeting.default=hello
                option.greeting.description=Text sent first
                option.limit.type=int
                """);

        assertThat(descriptor.coordinates()).isEqualTo("echo@1.2.0");
        assertThat(descriptor.entryClass()).isEqualTo("org.example.Echo");
        assertThat(descriptor.apis()).containsOnlyKeys("tern.kernel");
        assertThat(descriptor.apis().get("tern.kernel").includes("0.1.0")).isTrue();
        assertThat(descriptor.requires().get("storage")).isEqualTo(VersionRange.parse("[1.0,2.0)"));
        assertThat(descriptor.uses().get("metrics")).isEqualTo(VersionRange.any());
        assertThat(descriptor.options()).extracting(OptionSpec::name).containsExactly("greeting", "limit");
        assertThat(descriptor.options().get(0).defaultValue()).isEqualTo("hello");
        assertThat(descriptor.options().get(1).isRequired()).isTrue();
    }

    @Test
    void unknownKeyIsRejected() {
        assertThatThrownBy(() -> parse("name=a\nversion=1.0\nentry=A\nrequire.b=1.0\n"))
                .isInstanceOf(DescriptorException.class)
                .hasMessageContaining("Unknown key 'require.b'");
    }

    @Test
    void missingEntryIsRejected() {
        assertThatThrownBy(() -> parse("name=a\nversion=1.0\n"))
                .isInstanceOf(DescriptorException.class)
                .hasMessageContaining("Missing required key 'entry'");
    }

    @Test
    void pathCharactersInNamesAreRejected() {
        assertThatThrownBy(() -> parse("name=../etc\nversion=1.0\nentry=A\n"))
                .hasMessageContaining("Invalid module name '../etc'");
        assertThatThrownBy(() -> parse("name=a\nversion=1/../2\nentry=A\n"))
                .hasMessageContaining("Invalid version '1/../2'");
    }

    @Test
    void selfDependencyIsRejected() {
        assertThatThrownBy(() -> parse("name=a\nversion=1.0\nentry=A\nrequires.a=*\n"))
                .hasMessageContaining("lists itself");
    }

    @Test
    void invalidDefaultIsRejected() {
        assertThatThrownBy(() -> parse("name=a\nversion=1.0\nentry=A\noption.n.type=int\noption.n.default=many\n"))
                .hasMessageContaining("Invalid value 'many' for option 'n'");
    }

    @Test
    void optionsResolveConfiguredTextByType() throws IOException {
        ModuleDescriptor descriptor = parse("""
                name=a
                version=1.0
                entry=A
                option.count.type=int
                option.count.default=3
                option.on.type=boolean
                option.on.default=false
                option.wait.type=duration
                option.wait.default=PT1S
                option.total.type=long
                """);

        Map<String, Object> values = OptionResolver.resolve(descriptor, Map.of("on", "true", "total", "9000000000"));

        assertThat(values).containsEntry("count", 3)
                .containsEntry("on", true)
                .containsEntry("wait", Duration.ofSeconds(1))
                .containsEntry("total", 9_000_000_000L);
    }

    @Test
    void optionsRejectUndeclaredMissingAndInvalidValues() throws IOException {
        ModuleDescriptor descriptor = parse("name=a\nversion=1.0\nentry=A\noption.count.type=int\n");

        assertThatThrownBy(() -> OptionResolver.resolve(descriptor, Map.of()))
                .hasMessageContaining("Option 'count' of module a@1.0 has no default and is not configured");
        assertThatThrownBy(() -> OptionResolver.resolve(descriptor, Map.of("count", "x")))
                .hasMessageContaining("Invalid value 'x' for option 'count': expected a 32-bit integer");
        assertThatThrownBy(() -> OptionResolver.resolve(descriptor, Map.of("count", "1", "colour", "red")))
                .hasMessageContaining("Option 'colour' is configured but module a@1.0 does not declare it");
    }
}
