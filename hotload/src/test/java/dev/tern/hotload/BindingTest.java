package dev.tern.hotload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.hotload.support.FeatureBinding;
import dev.tern.hotload.support.Harness;
import dev.tern.hotload.support.ToyRepository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host with its own entry interface and context, as the XMPP server plugs in. */
class BindingTest {

    @TempDir
    static Path directory;

    private static ToyRepository repository;

    private Harness harness;

    @BeforeAll
    static void buildModules() throws IOException {
        repository = new ToyRepository(directory);
        repository.add("hello", "1.0.0", "toy.hello.Hello", hello("Map.of(\"requests\", requests.get())"), "");
        repository.add("hello", "2.0.0", "toy.hello.Hello", hello("Map.of(\"requests\", requests.get())"), "");
        repository.add("hello", "3.0.0", "toy.hello.Hello", hello("Map.of(\"requests\", new Hello())"), "");
    }

    /** Returns the source of a feature that counts requests in its entry and exports the count as {@code exported}. */
    private static Map<String, String> hello(String exported) {
        return Map.of("toy.hello.Hello", """
                package toy.hello;

                import dev.tern.hotload.testapi.Feature;
                import dev.tern.hotload.testapi.FeatureContext;
                import java.util.Map;
                import java.util.concurrent.atomic.AtomicInteger;

                public final class Hello implements Feature {
                    private final AtomicInteger requests = new AtomicInteger();

                    @Override
                    public void start(FeatureContext context) {
                        String version = context.version();
                        context.route("hello", request -> "hello " + requests.incrementAndGet() + " from " + version);
                    }

                    @Override
                    public Map<String, Object> exportState() {
                        return %s;
                    }

                    @Override
                    public void importState(String fromVersion, Map<String, Object> state) {
                        requests.set((Integer) state.get("requests"));
                    }
                }
                """.formatted(exported));
    }

    @BeforeEach
    void setUp() {
        harness = Harness.create(repository, builder -> builder.binding(new FeatureBinding()));
        harness.manager.install("hello", "1.0.0");
        harness.manager.start("hello");
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void hostContextWrapsGenericContext() throws Exception {
        assertThat(harness.host.dispatch("hello", "")).isEqualTo("hello 1 from 1.0.0");
        assertThat(harness.manager.info("hello").orElseThrow().registrations()).containsExactly("route 'hello'");

        harness.manager.stop("hello");

        assertThat(harness.host.keys()).isEmpty();
    }

    @Test
    void entryStateMovesToNextVersion() throws Exception {
        harness.host.dispatch("hello", "");
        harness.host.dispatch("hello", "");

        harness.manager.upgrade("hello", "2.0.0");

        assertThat(harness.host.dispatch("hello", "")).isEqualTo("hello 3 from 2.0.0");
    }

    @Test
    void moduleClassInExportedStateFailsUpgrade() throws Exception {
        harness.manager.upgrade("hello", "3.0.0");

        assertThatThrownBy(() -> harness.manager.upgrade("hello", "2.0.0"))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("The state exported by the entry of module 'hello' version 3.0.0 contains an instance "
                        + "of toy.hello.Hello")
                .hasMessageContaining("at '/requests'");
        assertThat(harness.host.dispatch("hello", "")).isEqualTo("hello 1 from 3.0.0");
    }
}
