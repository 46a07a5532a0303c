package dev.tern.hotload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.hotload.support.Harness;
import dev.tern.hotload.support.ToyRepository;
import dev.tern.hotload.support.Toys;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrades a module back and forth and checks that the JVM unloads every replaced version:
 * its class loader becomes unreachable, and metaspace and the loaded class count stop growing.
 *
 * <p>JBoss Modules' {@code ModuleClassLoader} overrides {@code finalize()} (2.1.6.Final), so an
 * unreachable loader has its weak references cleared first and is freed, with its classes,
 * only after the finalizer thread ran and another collection happened. A phantom reference is
 * enqueued only then, so the test waits for those.
 */
class LeakTest {

    private static final int UPGRADES = 100;
    private static final int WARM_UP = 10;
    private static final int BALLAST_CLASSES = 40;
    private static final int GC_ATTEMPTS = 20;
    private static final long ENQUEUE_WAIT_MILLIS = 200;
    private static final int SAMPLES = 3;

    /**
     * Metaspace may grow this much between upgrade 10 and upgrade 100. A version loads 44
     * classes, about 240 KiB of metaspace: an estimate from one run of this test on Temurin 25
     * (x86-64, G1), where unloading ten versions at once freed 2.4 MiB. The 90 versions in
     * between would add about 21 MiB if they stayed loaded.
     */
    private static final long METASPACE_BOUND = 8L * 1024 * 1024;

    @TempDir
    Path directory;

    private final ReferenceQueue<ClassLoader> freed = new ReferenceQueue<>();

    @Test
    void replacedVersionsAreUnloaded() throws Exception {
        ToyRepository repository = new ToyRepository(directory);
        repository.add("ballast", "1.0.0", "toy.ballast.BallastModule", Toys.ballast(1, BALLAST_CLASSES), "");
        repository.add("ballast", "2.0.0", "toy.ballast.BallastModule", Toys.ballast(2, BALLAST_CLASSES), "");
        MemoryPoolMXBean metaspace = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getName().equals("Metaspace"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("This JVM has no Metaspace memory pool"));
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();

        try (Harness harness = Harness.create(repository, builder -> { })) {
            harness.manager.install("ballast", "1.0.0");
            harness.manager.start("ballast");

            List<WeakReference<ClassLoader>> weak = new ArrayList<>();
            Set<Reference<ClassLoader>> pending = new HashSet<>();
            long metaspaceAfterWarmUp = 0;
            int classesAfterWarmUp = 0;
            for (int upgrade = 1; upgrade <= UPGRADES; upgrade++) {
                ClassLoader current = harness.manager.classLoader("ballast").orElseThrow();
                weak.add(new WeakReference<>(current));
                pending.add(new PhantomReference<>(current, freed));
                current = null;
                harness.manager.upgrade("ballast", upgrade % 2 == 1 ? "2.0.0" : "1.0.0");
                if (upgrade == WARM_UP) {
                    awaitFreed(pending);
                    metaspaceAfterWarmUp = usedAfterGc(metaspace);
                    classesAfterWarmUp = classes.getLoadedClassCount();
                }
            }

            awaitFreed(pending);
            long metaspaceAfterAll = usedAfterGc(metaspace);
            int classesAfterAll = classes.getLoadedClassCount();
            System.out.printf("Metaspace used after %d upgrades %d KiB, after %d upgrades %d KiB; loaded classes %d, then %d%n",
                    WARM_UP, metaspaceAfterWarmUp / 1024, UPGRADES, metaspaceAfterAll / 1024, classesAfterWarmUp,
                    classesAfterAll);

            assertThat(weak).as("weak references to replaced class loaders").allMatch(reference -> reference.refersTo(null));
            assertThat(pending).as("replaced class loaders not freed after %d collections", GC_ATTEMPTS).isEmpty();
            assertThat(metaspaceAfterAll - metaspaceAfterWarmUp).as("metaspace growth from upgrade %d to %d", WARM_UP, UPGRADES)
                    .isLessThan(METASPACE_BOUND);
            assertThat(classesAfterAll - classesAfterWarmUp).as("loaded classes added from upgrade %d to %d", WARM_UP, UPGRADES)
                    .isLessThan(BALLAST_CLASSES);
            assertThat(harness.host.dispatch("ballast", "count")).as("state crossed every upgrade")
                    .isEqualTo("g1:" + UPGRADES);
        }
    }

    /** Collects until every reference in {@code pending} is enqueued, at most {@link #GC_ATTEMPTS} times. */
    private void awaitFreed(Set<Reference<ClassLoader>> pending) throws InterruptedException {
        for (int attempt = 0; attempt < GC_ATTEMPTS && !pending.isEmpty(); attempt++) {
            System.gc();
            // Waits for the enqueue event, giving the finalizer thread its turn between collections.
            Reference<? extends ClassLoader> reference = freed.remove(ENQUEUE_WAIT_MILLIS);
            while (reference != null) {
                pending.remove(reference);
                reference = freed.poll();
            }
        }
    }

    /**
     * Returns the smallest of a few readings, each after a full collection, which also unloads
     * classes. One reading can catch an unrelated allocation in flight; the smallest cannot be
     * lower than what is really retained.
     */
    private static long usedAfterGc(MemoryPoolMXBean pool) {
        long smallest = Long.MAX_VALUE;
        for (int sample = 0; sample < SAMPLES; sample++) {
            System.gc();
            smallest = Math.min(smallest, pool.getUsage().getUsed());
        }
        return smallest;
    }
}
