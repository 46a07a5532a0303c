package dev.tern.hotload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.hotload.support.Harness;
import dev.tern.hotload.support.ToyRepository;
import dev.tern.hotload.support.Toys;
import dev.tern.kernel.Pid;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleTest {

    @TempDir
    static Path directory;

    private static ToyRepository repository;

    private Harness harness;

    @BeforeAll
    static void buildModules() throws IOException {
        repository = new ToyRepository(directory);
        repository.add("busy", "1.0.0", "toy.busy.BusyModule", Toys.busy(), "");
        repository.add("busy", "2.0.0", "toy.busy.BusyModule", Toys.busy(), "");
        repository.add("broken", "1.0.0", "toy.broken.BrokenModule", Toys.broken(), "");
    }

    @BeforeEach
    void setUp() {
        harness = Harness.create(repository, builder -> { });
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static Set<String> threadNames() {
        Set<String> names = new HashSet<>();
        Thread.getAllStackTraces().keySet().forEach(thread -> names.add(thread.getName()));
        return names;
    }

    @Test
    void listShowsWhatAModuleStarted() throws Exception {
        harness.manager.install("busy", "1.0.0");
        assertThat(harness.manager.info("busy").orElseThrow().state()).isEqualTo(ModuleState.INSTALLED);

        harness.manager.start("busy");

        ModuleInfo info = harness.manager.list().getFirst();
        assertThat(info.name()).isEqualTo("busy");
        assertThat(info.version()).isEqualTo("1.0.0");
        assertThat(info.state()).isEqualTo(ModuleState.RUNNING);
        assertThat(info.startedAt()).isNotNull();
        assertThat(info.registrations()).containsExactly("route 'busy-a'", "route 'busy-ticks'");
        // Supervisor, worker server, the child the worker spawned, and the plain process.
        assertThat(info.processes()).hasSize(4);
        assertThat(info.timers()).isEqualTo(2);
        assertThat(info.threads()).isEqualTo(1);
        assertThat(info.mbeans()).containsExactly("tern:module=busy,name=stats,type=ModuleBean");
        assertThat(harness.host.dispatch("busy-a", "")).isEqualTo("a");
        assertThat(ManagementFactory.getPlatformMBeanServer()
                .getAttribute(new ObjectName("tern:type=ModuleBean,module=busy,name=stats"), "Answer")).isEqualTo(42);
    }

    @Test
    void stopLeavesNothingBehind() throws Exception {
        Set<Pid> before = new HashSet<>(harness.kernel.processes());
        harness.manager.install("busy", "1.0.0");
        harness.manager.start("busy");
        assertThat(harness.kernel.processes()).hasSize(before.size() + 4);
        assertThat(threadNames()).contains("busy-poller");

        harness.manager.stop("busy");

        assertThat(new HashSet<>(harness.kernel.processes())).isEqualTo(before);
        assertThat(harness.host.keys()).isEmpty();
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        assertThat(server.queryNames(new ObjectName("tern:type=ModuleBean,module=busy,*"), null)).isEmpty();
        assertThat(harness.manager.host().timers().pending()).isZero();
        assertThat(threadNames()).doesNotContain("busy-poller");
        ModuleInfo info = harness.manager.info("busy").orElseThrow();
        assertThat(info.state()).isEqualTo(ModuleState.INSTALLED);
        assertThat(info.processes()).isEmpty();
        assertThat(info.registrations()).isEmpty();
        assertThat(info.timers()).isZero();
        assertThat(info.threads()).isZero();
        assertThat(info.lastError()).isNull();
    }

    @Test
    void stoppedModuleStartsAgain() throws Exception {
        harness.manager.install("busy", "1.0.0");
        harness.manager.start("busy");
        harness.manager.stop("busy");

        harness.manager.start("busy");

        assertThat(harness.host.dispatch("busy-a", "")).isEqualTo("a");
        assertThat(harness.manager.info("busy").orElseThrow().processes()).hasSize(4);
    }

    @Test
    void failedStartIsUndone() {
        Set<Pid> before = new HashSet<>(harness.kernel.processes());
        harness.manager.install("broken", "1.0.0");

        assertThatThrownBy(() -> harness.manager.start("broken"))
                .isInstanceOf(ModuleException.class)
                .hasMessageContaining("Module 'broken' version 1.0.0 failed to start: start broken on purpose")
                .hasRootCauseMessage("start broken on purpose");

        ModuleInfo info = harness.manager.info("broken").orElseThrow();
        assertThat(info.state()).isEqualTo(ModuleState.FAILED);
        assertThat(info.lastError()).contains("start broken on purpose");
        assertThat(harness.host.keys()).isEmpty();
        assertThat(new HashSet<>(harness.kernel.processes())).isEqualTo(before);
    }

    @Test
    void operationsNameTheProblem() {
        assertThatThrownBy(() -> harness.manager.start("ghost"))
                .hasMessageContaining("Module 'ghost' is not installed");
        assertThatThrownBy(() -> harness.manager.install("busy", "9.9.9"))
                .hasMessageContaining("Module busy@9.9.9 is not in the repository");
        assertThatThrownBy(() -> harness.manager.install("../busy/1.0.0"))
                .hasMessageContaining("Invalid repository path '../busy/1.0.0'");

        harness.manager.install("busy", "1.0.0");
        assertThatThrownBy(() -> harness.manager.install("busy", "1.0.0"))
                .hasMessageContaining("Module 'busy' is already installed at version 1.0.0");
        assertThatThrownBy(() -> harness.manager.stop("busy"))
                .hasMessageContaining("Module 'busy' is not running");
        assertThatThrownBy(() -> harness.manager.rollback("busy"))
                .hasMessageContaining("Module 'busy' has no earlier version to roll back to");
    }

    @Test
    void uninstallRemovesStoppedModule() {
        harness.manager.install("busy", "1.0.0");
        harness.manager.start("busy");
        assertThatThrownBy(() -> harness.manager.uninstall("busy")).hasMessageContaining("stop it before uninstalling");

        harness.manager.stop("busy");
        harness.manager.uninstall("busy");

        assertThat(harness.manager.list()).isEmpty();
    }

    private static long threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(name)).count();
    }

    @Test
    void upgradeReplacesWhatItDoesNotMigrate() throws Exception {
        harness.manager.install("busy", "1.0.0");
        harness.manager.start("busy");
        ModuleInfo before = harness.manager.info("busy").orElseThrow();
        Pid worker = workerPid();

        harness.manager.upgrade("busy", "2.0.0");

        ModuleInfo after = harness.manager.info("busy").orElseThrow();
        assertThat(workerPid()).as("the server was taken over, not restarted").isEqualTo(worker);
        Set<Pid> ended = new HashSet<>(before.processes());
        after.processes().forEach(ended::remove);
        Set<Pid> started = new HashSet<>(after.processes());
        before.processes().forEach(started::remove);
        assertThat(ended).as("the old version's plain process").hasSize(1);
        assertThat(started).as("the new version's plain process").hasSize(1);
        assertThat(harness.kernel.isAlive(ended.iterator().next())).isFalse();
        assertThat(harness.kernel.processCount()).isEqualTo(4);
        assertThat(threadsNamed("busy-poller")).as("the old thread ended, the new one runs").isEqualTo(1);
        assertThat(after.threads()).isEqualTo(1);
        assertThat(after.timers()).isEqualTo(2);
        assertThat(harness.manager.host().timers().pending()).isEqualTo(2);
        assertThat(after.mbeans()).containsExactly("tern:module=busy,name=stats,type=ModuleBean");
        assertThat(after.registrations()).containsExactly("route 'busy-a'", "route 'busy-ticks'");
        assertThat(after.lastError()).isNull();
    }

    private Pid workerPid() {
        return harness.manager.info("busy").orElseThrow().processes().stream()
                .filter(pid -> harness.kernel.info(pid).orElseThrow().behaviour().equals("toy.busy.Worker"))
                .findFirst().orElseThrow();
    }
}
