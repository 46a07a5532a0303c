package dev.tern.hotload;

import dev.tern.kernel.Kernel;
import java.time.Duration;
import javax.management.MBeanServer;

/**
 * The host-side services every module context and operation uses.
 *
 * @param stopTimeout how long a stop waits for each step: processes to end, threads to finish
 */
record ModuleHost<R>(
        Kernel kernel,
        RegistrationSink<R> sink,
        MBeanServer mbeanServer,
        ModuleTimers timers,
        SharedTypes sharedTypes,
        Duration stopTimeout) {
}
