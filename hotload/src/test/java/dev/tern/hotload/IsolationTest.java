package dev.tern.hotload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.hotload.support.Harness;
import dev.tern.hotload.support.ToyRepository;
import dev.tern.hotload.support.Toys;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jboss.modules.ModuleClassLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsolationTest {

    @TempDir
    static Path directory;

    private static ToyRepository repository;

    private Harness harness;

    @BeforeAll
    static void buildModules() throws IOException {
        repository = new ToyRepository(directory);
        Path spyLibrary = repository.addLibrary("spy", "1.0.0", "helper", Toys.helper("toy.spylib", "spy helper"));
        repository.addWithDescriptor("spy", "1.0.0", Toys.spy(), List.of(spyLibrary),
                "name=spy\nversion=1.0.0\nentry=toy.spy.SpyModule\n" + ToyRepository.DEFAULT_APIS);
        Path peerLibrary = repository.addLibrary("peer", "1.0.0", "helper", Toys.helper("toy.peerlib", "peer helper"));
        repository.addWithDescriptor("peer", "1.0.0", Toys.peer(), List.of(peerLibrary),
                "name=peer\nversion=1.0.0\nentry=toy.peer.PeerModule\n" + ToyRepository.DEFAULT_APIS);
    }

    @BeforeEach
    void setUp() {
        harness = Harness.create(repository, builder -> { });
        harness.manager.install("spy/1.0.0");
        harness.manager.install("peer/1.0.0");
        harness.manager.startAll();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private Object probe(String className) throws Exception {
        return harness.host.dispatch("spy", className);
    }

    @Test
    void moduleSeesJdkAndDeclaredApis() throws Exception {
        assertThat(probe("java.util.concurrent.ConcurrentHashMap")).isEqualTo("loaded");
        assertThat(probe("javax.management.ObjectName")).isEqualTo("loaded");
        assertThat(probe("dev.tern.kernel.GenServer")).isEqualTo("loaded");
        assertThat(probe("dev.tern.hotload.api.ModuleContext")).isEqualTo("loaded");
        assertThat(probe("dev.tern.hotload.testapi.Route")).isEqualTo("loaded");
    }

    @Test
    void moduleSeesItsOwnLibrary() throws Exception {
        assertThat(harness.host.dispatch("spy-library", "")).isEqualTo("spy helper");
        assertThat(harness.host.dispatch("peer", "")).isEqualTo("peer helper");
    }

    @Test
    void moduleCannotLoadHostInternals() throws Exception {
        assertThat(probe("dev.tern.hotload.ModuleManager")).isEqualTo("ClassNotFoundException");
        assertThat(probe("dev.tern.hotload.ModuleContextImpl")).isEqualTo("ClassNotFoundException");
        assertThat(probe("dev.tern.hotload.loading.CodeLoader")).isEqualTo("ClassNotFoundException");
        assertThat(probe("org.jboss.modules.Module")).isEqualTo("ClassNotFoundException");
        assertThat(probe("org.junit.jupiter.api.Test")).isEqualTo("ClassNotFoundException");
        assertThat(probe("dev.tern.hotload.IsolationTest")).isEqualTo("ClassNotFoundException");
    }

    @Test
    void moduleCannotLoadUndeclaredApi() throws Exception {
        // The spy's descriptor does not name org.slf4j, so the host's SLF4J stays out of reach.
        assertThat(probe("org.slf4j.LoggerFactory")).isEqualTo("ClassNotFoundException");
    }

    @Test
    void moduleCannotLoadAnotherModule() throws Exception {
        assertThat(probe("toy.peer.PeerModule")).isEqualTo("ClassNotFoundException");
        assertThat(probe("toy.peerlib.Helper")).isEqualTo("ClassNotFoundException");
    }

    @Test
    void eachVersionHasItsOwnModuleClassLoader() {
        ClassLoader spy = harness.manager.classLoader("spy").orElseThrow();
        ClassLoader peer = harness.manager.classLoader("peer").orElseThrow();

        assertThat(spy).isInstanceOf(ModuleClassLoader.class);
        assertThat(peer).isInstanceOf(ModuleClassLoader.class).isNotSameAs(spy);
        assertThat(((ModuleClassLoader) spy).getModule().getName()).isEqualTo("spy@1.0.0");
    }

    @Test
    void missingApiModuleFailsInstall() throws IOException {
        harness.repository.add("needy", "1.0.0", "toy.named.NamedModule", Toys.named(), "api.tern.xmpp=[1.0,2.0)\n");

        assertThatThrownBy(() -> harness.manager.install("needy", "1.0.0"))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("needs API module 'tern.xmpp', which this host does not provide");
        assertThat(harness.manager.info("needy")).isEmpty();
    }

    @Test
    void apiVersionOutsideRangeFailsInstall() throws IOException {
        harness.repository.addWithDescriptor("future", "1.0.0", Toys.named(), List.of(),
                "name=future\nversion=1.0.0\nentry=toy.named.NamedModule\napi.tern.kernel=[2.0,3.0)\n"
                        + "api.tern.hotload=[0.1,1)\napi.tern.test=[1.0,2.0)\n");

        assertThatThrownBy(() -> harness.manager.install("future", "1.0.0"))
                .hasMessageContaining("needs API module 'tern.kernel' [2.0,3.0), but this host provides version 0.1.0");
    }

    @Test
    void entryNotImplementingEntryTypeFailsInstall() throws IOException {
        harness.repository.add("odd", "1.0.0", "toy.odd.Odd", Map.of("toy.odd.Odd", "package toy.odd; public class Odd {}"), "");

        assertThatThrownBy(() -> harness.manager.install("odd", "1.0.0"))
                .hasMessageContaining("does not implement dev.tern.hotload.api.ModuleEntry");
    }

    @Test
    void optionsAreTypedAndConfigurable() throws IOException {
        harness.repository.add("greeter", "1.0.0", "toy.named.NamedModule", Toys.named(), """
                option.limit.type=int
                option.limit.default=3
                option.wait.type=duration
                option.wait.default=PT2S
                """);
        harness.manager.install("greeter", "1.0.0");
        harness.manager.start("greeter");

        assertThat(harness.host.keys()).contains("greeter");
        assertThat(harness.manager.info("greeter").orElseThrow().state()).isEqualTo(ModuleState.RUNNING);
    }
}
