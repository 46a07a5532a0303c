package dev.tern.hotload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.hotload.support.Harness;
import dev.tern.hotload.support.ToyRepository;
import dev.tern.hotload.support.Toys;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependencyOrderTest {

    @TempDir
    static Path directory;

    private static ToyRepository repository;

    private Harness harness;

    @BeforeAll
    static void buildModules() throws IOException {
        repository = new ToyRepository(directory);
        add("a", "1.0.0", "");
        add("a", "2.0.0", "");
        add("b", "1.0.0", "requires.a=[1.0,2.0)\n");
        add("c", "1.0.0", "requires.b=[1.0,2.0)\nuses.d=*\n");
        add("d", "1.0.0", "");
        add("e", "1.0.0", "uses.absent=*\n");
        add("x", "1.0.0", "requires.y=*\n");
        add("y", "1.0.0", "requires.z=*\n");
        add("z", "1.0.0", "requires.x=*\n");
        add("m", "1.0.0", "requires.nope=[1.0,2.0)\n");
        add("n", "1.0.0", "requires.a=[2.0,3.0)\n");
    }

    private static void add(String name, String version, String dependencies) throws IOException {
        repository.add(name, version, "toy.named.NamedModule", Toys.named(), dependencies);
    }

    @BeforeEach
    void setUp() {
        harness = Harness.create(repository, builder -> { });
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private void install(String... names) {
        for (String name : names) {
            harness.manager.install(name, "1.0.0");
        }
    }

    private List<String> starts() {
        return harness.host.events().stream().filter(event -> event.startsWith("add ")).map(event -> event.split(" ")[1]).toList();
    }

    @Test
    void startAllStartsDependenciesFirst() {
        install("c", "e", "a", "d", "b");

        harness.manager.startAll();

        List<String> order = starts();
        assertThat(order).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        assertThat(order.indexOf("a")).isLessThan(order.indexOf("b"));
        assertThat(order.indexOf("b")).isLessThan(order.indexOf("c"));
        assertThat(order.indexOf("d")).as("soft dependency d of c").isLessThan(order.indexOf("c"));
    }

    @Test
    void missingSoftDependencyIsIgnored() {
        install("e");

        harness.manager.start("e");

        assertThat(harness.manager.info("e").orElseThrow().state()).isEqualTo(ModuleState.RUNNING);
    }

    @Test
    void startNeedsRunningHardDependency() {
        install("a", "b");

        assertThatThrownBy(() -> harness.manager.start("b"))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("Module b@1.0.0 requires 'a' [1.0,2.0) is not running");
        assertThat(harness.manager.info("b").orElseThrow().state()).isEqualTo(ModuleState.INSTALLED);
    }

    @Test
    void cycleNamesItsModules() {
        install("x", "y", "z");

        assertThatThrownBy(() -> harness.manager.startAll())
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("Modules [x, y, z] depend on each other in a cycle: x -> y -> z -> x");
        assertThat(harness.host.keys()).isEmpty();
    }

    @Test
    void missingHardDependencyNamesBothModules() {
        install("a", "m");

        assertThatThrownBy(() -> harness.manager.startAll())
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("module 'm' requires 'nope' [1.0,2.0), which is not installed");
        assertThat(harness.host.keys()).as("nothing starts when the order cannot be built").isEmpty();
    }

    @Test
    void dependencyAtWrongVersionIsReported() {
        install("a", "n");

        assertThatThrownBy(() -> harness.manager.startAll())
                .hasMessageContaining("module 'n' requires 'a' [2.0,3.0), but version 1.0.0 is installed");
    }

    @Test
    void stopRefusedWhileDependentRuns() {
        install("a", "b");
        harness.manager.startAll();

        assertThatThrownBy(() -> harness.manager.stop("a"))
                .hasMessageContaining("Module 'a' is required by running modules [b]; stop them first");

        harness.manager.stopAll();
        List<String> removals = harness.host.events().stream().filter(event -> event.startsWith("remove ")).toList();
        assertThat(removals).containsExactly("remove b b", "remove a a");
    }

    @Test
    void upgradeRefusedOutsideDependentRange() {
        install("a", "b");
        harness.manager.startAll();

        assertThatThrownBy(() -> harness.manager.upgrade("a", "2.0.0"))
                .hasMessageContaining("Version 2.0.0 of module 'a' does not satisfy 'b' requires [1.0,2.0)");
        assertThat(harness.manager.info("a").orElseThrow().version()).isEqualTo("1.0.0");
    }
}
