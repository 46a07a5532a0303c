package dev.tern.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.tern.kernel.RecordingServer.Fail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** Crash reports on logger {@code tern.kernel.crash}, as OTP's crash_report. */
@Timeout(30)
class CrashReportTest {

    private static final String NODE = "crash-report-test";

    private final Kernel kernel = Kernel.builder().name(NODE).build();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final Logger crashLogger = (Logger) LoggerFactory.getLogger("tern.kernel.crash");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void captureReports() {
        appender.start();
        crashLogger.addAppender(appender);
        // Keep the expected crashes off the console.
        crashLogger.setAdditive(false);
    }

    @AfterEach
    void closeKernel() {
        kernel.close();
        crashLogger.detachAppender(appender);
        crashLogger.setAdditive(true);
    }

    private static Map<String, Object> keyValues(ILoggingEvent event) {
        Map<String, Object> fields = new HashMap<>();
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            pairs.forEach(pair -> fields.put(pair.key, pair.value));
        }
        return fields;
    }

    /** Returns this kernel's reports; call it after a Down, which follows the report. */
    private List<ILoggingEvent> reports() {
        synchronized (appender) {
            return appender.list.stream().filter(event -> NODE.equals(keyValues(event).get("node"))).toList();
        }
    }

    private List<ILoggingEvent> reportsFor(Pid pid) {
        return reports().stream().filter(event -> pid.equals(keyValues(event).get("pid"))).toList();
    }

    @Test
    void genServerCrashIsReportedOnceWithContext() throws Exception {
        IllegalStateException error = new IllegalStateException("failed on purpose");
        Pid server = GenServer.start(kernel, "crasher", new RecordingServer(events), null);
        Pid linked = kernel.spawn(self -> {
            self.link(server);
            events.put("linked");
            self.receive();
        });
        assertThat(Await.take(events)).isInstanceOf(RecordingServer.Started.class);
        assertThat(Await.take(events)).isEqualTo("linked");
        MonitorProbe serverProbe = MonitorProbe.watch(kernel, server);
        MonitorProbe linkedProbe = MonitorProbe.watch(kernel, linked);

        GenServer.cast(kernel, server, new Fail(error));

        assertThat(serverProbe.awaitReason()).isEqualTo(new ExitReason.Crash(error));
        assertThat(linkedProbe.awaitReason()).isEqualTo(new ExitReason.Crash(error));
        assertThat(reports()).as("one report, none for the linked process").hasSize(1);
        ILoggingEvent report = reportsFor(server).getFirst();
        Map<String, Object> fields = keyValues(report);
        assertThat(report.getLevel()).isEqualTo(Level.ERROR);
        assertThat(fields).containsEntry("pid", server);
        assertThat(fields).containsEntry("name", "crasher");
        assertThat(fields).containsEntry("reason", new ExitReason.Crash(error));
        assertThat(fields).containsEntry("last_message", new Calls.Cast(new Fail(error)));
        IThrowableProxy thrown = report.getThrowableProxy();
        assertThat(thrown.getClassName()).isEqualTo(IllegalStateException.class.getName());
        assertThat(thrown.getMessage()).isEqualTo("failed on purpose");
        assertThat(Arrays.stream(thrown.getStackTraceElementProxyArray()).map(Object::toString))
                .anyMatch(frame -> frame.contains(getClass().getName()));
    }

    @Test
    void badReturnValueReportNamesLastMessage() throws Exception {
        Pid server = GenServer.start(kernel, new RecordingServer(events), null);
        MonitorProbe probe = MonitorProbe.watch(kernel, server);
        ExitReason badReturn = new ExitReason.Tagged("bad_return_value", null);

        GenServer.cast(kernel, server, RecordingServer.Command.RETURN_NULL);

        assertThat(probe.awaitReason()).isEqualTo(badReturn);
        assertThat(reportsFor(server)).hasSize(1);
        Map<String, Object> fields = keyValues(reportsFor(server).getFirst());
        assertThat(fields).containsEntry("reason", badReturn);
        assertThat(fields).containsEntry("last_message", new Calls.Cast(RecordingServer.Command.RETURN_NULL));
    }

    @Test
    void plainProcessCrashIsReportedWithLastMessage() throws Exception {
        IllegalArgumentException error = new IllegalArgumentException("bad work item");
        Pid worker = kernel.spawn(self -> {
            self.receive(message -> message.equals("work"), null);
            throw error;
        });
        kernel.register("worker", worker);
        MonitorProbe probe = MonitorProbe.watch(kernel, worker);

        kernel.send(worker, "work");

        assertThat(probe.awaitReason()).isEqualTo(new ExitReason.Crash(error));
        assertThat(reportsFor(worker)).hasSize(1);
        ILoggingEvent report = reportsFor(worker).getFirst();
        Map<String, Object> fields = keyValues(report);
        assertThat(fields).containsEntry("name", "worker");
        assertThat(fields).containsEntry("reason", new ExitReason.Crash(error));
        assertThat(fields).containsEntry("last_message", "work");
        assertThat(report.getThrowableProxy().getMessage()).isEqualTo("bad work item");
    }

    @Test
    void orderlyExitsAndKillsLogNothing() throws Exception {
        List<Pid> plain = List.of(
                kernel.spawn(self -> self.receive()),
                kernel.spawn(self -> self.exit(self.receive(ExitReason.class, null))),
                kernel.spawn(self -> self.exit(self.receive(ExitReason.class, null))),
                kernel.spawn(self -> self.receive()));
        Pid normalServer = GenServer.start(kernel, new RecordingServer(events), null);
        Pid shutdownServer = GenServer.start(kernel, new RecordingServer(events), null);
        Pid taggedServer = GenServer.start(kernel, new RecordingServer(events), null);
        List<MonitorProbe> probes = new ArrayList<>();
        for (Pid pid : plain) {
            probes.add(MonitorProbe.watch(kernel, pid));
        }

        kernel.send(plain.get(0), "return");
        kernel.send(plain.get(1), ExitReason.SHUTDOWN);
        kernel.send(plain.get(2), ExitReason.shutdown("detail"));
        kernel.exit(plain.get(3), ExitReason.KILL);
        GenServer.stop(kernel, normalServer, ExitReason.NORMAL, Duration.ofSeconds(5));
        GenServer.stop(kernel, shutdownServer, ExitReason.SHUTDOWN, Duration.ofSeconds(5));
        GenServer.stop(kernel, taggedServer, ExitReason.shutdown("detail"), Duration.ofSeconds(5));

        for (MonitorProbe probe : probes) {
            probe.awaitDown();
        }
        assertThat(reports()).isEmpty();
    }
}
