package dev.tern.hotload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.hotload.support.Harness;
import dev.tern.hotload.support.ToyRepository;
import dev.tern.hotload.support.Toys;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrades a module back and forth and checks that the JVM unloads every replaced version:
 * its class loader becomes unreachable and metaspace stops growing.
 */
class LeakTest {

    private static final int UPGRADES = 100;
    private static final int WARM_UP = 10;
    private static final int BALLAST_CLASSES = 40;
    private static final int GC_ATTEMPTS = 20;

    /**
     * Metaspace may grow this much between upgrade 10 and upgrade 100. Each version loads 40
     * generated classes; if the 90 versions in between stayed loaded they would add far more
     * (the test prints the measured cost of one version).
     */
    private static final long METASPACE_BOUND = 8L * 1024 * 1024;

    @TempDir
    Path directory;

    @Test
    void replacedVersionsAreUnloaded() throws Exception {
        ToyRepository repository = new ToyRepository(directory);
        repository.add("ballast", "1.0.0", "toy.ballast.BallastModule", Toys.ballast(1, BALLAST_CLASSES), "");
        repository.add("ballast", "2.0.0", "toy.ballast.BallastModule", Toys.ballast(2, BALLAST_CLASSES), "");
        MemoryPoolMXBean metaspace = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getName().equals("Metaspace"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("This JVM has no Metaspace memory pool"));

        try (Harness harness = Harness.create(repository, builder -> { })) {
            long beforeInstall = usedAfterGc(metaspace);
            harness.manager.install("ballast", "1.0.0");
            harness.manager.start("ballast");
            long oneVersion = usedAfterGc(metaspace) - beforeInstall;

            List<WeakReference<ClassLoader>> replaced = new ArrayList<>();
            long afterWarmUp = 0;
            for (int upgrade = 1; upgrade <= UPGRADES; upgrade++) {
                replaced.add(new WeakReference<>(harness.manager.classLoader("ballast").orElseThrow()));
                harness.manager.upgrade("ballast", upgrade % 2 == 1 ? "2.0.0" : "1.0.0");
                if (upgrade == WARM_UP) {
                    afterWarmUp = usedAfterGc(metaspace);
                }
            }

            int collected = 0;
            for (int attempt = 0; attempt < GC_ATTEMPTS && collected < replaced.size(); attempt++) {
                System.gc();
                collected = (int) replaced.stream().filter(reference -> reference.refersTo(null)).count();
            }
            long afterAll = usedAfterGc(metaspace);
            System.out.printf("Metaspace: one version %d KiB, after %d upgrades %d KiB, after %d upgrades %d KiB%n",
                    oneVersion / 1024, WARM_UP, afterWarmUp / 1024, UPGRADES, afterAll / 1024);

            assertThat(collected).as("replaced class loaders collected").isEqualTo(UPGRADES);
            assertThat(afterAll - afterWarmUp).as("metaspace growth from upgrade %d to %d", WARM_UP, UPGRADES)
                    .isLessThan(METASPACE_BOUND);
            assertThat(harness.host.dispatch("ballast", "count")).as("state crossed every upgrade")
                    .isEqualTo("g1:" + UPGRADES);
        }
    }

    private static long usedAfterGc(MemoryPoolMXBean pool) {
        System.gc();
        return pool.getUsage().getUsed();
    }
}
