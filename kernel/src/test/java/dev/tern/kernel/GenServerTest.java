package dev.tern.kernel;

import static dev.tern.kernel.RecordingServer.Command.DEFER;
import static dev.tern.kernel.RecordingServer.Command.RELEASE;
import static dev.tern.kernel.RecordingServer.Command.RETURN_NULL;
import static dev.tern.kernel.RecordingServer.Command.RETURN_REPLY;
import static dev.tern.kernel.RecordingServer.Command.STATE;
import static dev.tern.kernel.RecordingServer.Command.STOP_WITH_REPLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tern.kernel.RecordingServer.Deferred;
import dev.tern.kernel.RecordingServer.Echo;
import dev.tern.kernel.RecordingServer.Fail;
import dev.tern.kernel.RecordingServer.Started;
import dev.tern.kernel.RecordingServer.Terminated;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The GenServer behaviour, as OTP's gen_server. */
@Timeout(30)
class GenServerTest {

    private final Kernel kernel = Kernel.builder().name("gen-server-test").build();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @AfterEach
    void closeKernel() {
        kernel.close();
    }

    private Pid startRecorder() throws InterruptedException {
        Pid pid = GenServer.start(kernel, new RecordingServer(events), "args");
        assertThat(Await.take(events)).isEqualTo(new Started(pid, "args"));
        return pid;
    }

    /** Spawns a plain process that calls {@code request} and reports the reply or the exception. */
    private Pid spawnCaller(Kernel in, Pid server, Object request, Duration timeout) {
        return in.spawn(self -> {
            try {
                events.put(Optional.ofNullable(GenServer.call(in, server, request, timeout)));
            } catch (CallException e) {
                events.put(e);
            }
        });
    }

    @Test
    void callbacksHandleCallsCastsAndInfos() throws Exception {
        Pid server = startRecorder();

        GenServer.cast(kernel, server, "cast");
        kernel.send(server, "info");

        assertThat(Await.take(events)).isEqualTo("info");
        assertThat(GenServer.call(kernel, server, new Echo(42))).isEqualTo(42);
        assertThat(GenServer.call(kernel, server, STATE)).isEqualTo(List.of("cast", "info"));
    }

    @Test
    void stopRunsTerminateWithReason() throws Exception {
        Pid server = startRecorder();
        GenServer.cast(kernel, server, "cast");

        GenServer.stop(kernel, server, ExitReason.NORMAL, Duration.ofSeconds(5));

        assertThat(Await.take(events)).isEqualTo(new Terminated(ExitReason.NORMAL, List.of("cast")));
        assertThat(kernel.isAlive(server)).isFalse();
    }

    @Test
    void stopAndReplyAnswersCallerThenStops() throws Exception {
        Pid server = startRecorder();
        MonitorProbe probe = MonitorProbe.watch(kernel, server);

        assertThat(GenServer.call(kernel, server, STOP_WITH_REPLY)).isEqualTo("bye");

        assertThat(Await.take(events)).isEqualTo(new Terminated(ExitReason.SHUTDOWN, List.of()));
        assertThat(probe.awaitReason()).isEqualTo(ExitReason.SHUTDOWN);
    }

    @Test
    void callTimeoutDropsLateReply() throws Exception {
        ManualClock clock = new ManualClock();
        try (Kernel timed = Kernel.builder().name("call-timeout").clock(clock).build()) {
            Pid server = GenServer.start(timed, new RecordingServer(events), null);
            assertThat(Await.take(events)).isInstanceOf(Started.class);
            Pid caller = timed.spawn(self -> {
                try {
                    events.put(Optional.ofNullable(GenServer.call(timed, server, DEFER, Duration.ofSeconds(1))));
                } catch (CallTimeoutException e) {
                    events.put(e);
                }
                self.receive(message -> message.equals("check"), null);
                events.put(Optional.ofNullable(self.receive(Duration.ZERO)));
            });
            assertThat(Await.take(events)).isEqualTo(new Deferred(caller));

            clock.advance(Duration.ofSeconds(1));

            CallTimeoutException timeout = (CallTimeoutException) Await.take(events);
            assertThat(timeout.server()).isEqualTo(server);
            assertThat(timeout.reason()).isEqualTo(ExitReason.atom("timeout"));
            assertThat(timeout).hasMessageContaining(server.toString()).hasMessageContaining("1000 ms");

            GenServer.cast(timed, server, RELEASE);
            assertThat(Await.take(events)).isEqualTo("replied");
            timed.send(caller, "check");

            assertThat(Await.take(events)).as("the late reply never reaches the caller's mailbox")
                    .isEqualTo(Optional.empty());
            assertThat(timed.isAlive(server)).isTrue();
        }
    }

    @Test
    void deferredReplyReachesCaller() throws Exception {
        Pid server = startRecorder();
        Pid caller = spawnCaller(kernel, server, DEFER, GenServer.DEFAULT_TIMEOUT);
        assertThat(Await.take(events)).isEqualTo(new Deferred(caller));

        GenServer.cast(kernel, server, RELEASE);

        assertThat(List.of(Await.take(events), Await.take(events)))
                .containsExactlyInAnyOrder("replied", Optional.of("released"));
    }

    @Test
    void nullCastResultFailsWaitingCaller() throws Exception {
        Pid server = startRecorder();
        MonitorProbe probe = MonitorProbe.watch(kernel, server);
        Pid caller = spawnCaller(kernel, server, DEFER, GenServer.DEFAULT_TIMEOUT);
        assertThat(Await.take(events)).isEqualTo(new Deferred(caller));
        ExitReason badReturn = new ExitReason.Tagged("bad_return_value", null);

        GenServer.cast(kernel, server, RETURN_NULL);

        assertThat(probe.awaitReason()).isEqualTo(badReturn);
        List<Object> outcomes = List.of(Await.take(events), Await.take(events));
        assertThat(outcomes).contains(new Terminated(badReturn, List.of()));
        CallException failure = outcomes.stream().filter(CallException.class::isInstance)
                .map(CallException.class::cast).findFirst().orElseThrow();
        assertThat(failure.reason()).isEqualTo(badReturn);
        assertThat(failure.server()).isEqualTo(server);
    }

    @Test
    void replyFromHandleCastStopsServer() throws Exception {
        Pid server = startRecorder();
        MonitorProbe probe = MonitorProbe.watch(kernel, server);

        GenServer.cast(kernel, server, RETURN_REPLY);

        ExitReason reason = probe.awaitReason();
        assertThat(reason).isInstanceOf(ExitReason.Tagged.class);
        ExitReason.Tagged tagged = (ExitReason.Tagged) reason;
        assertThat(tagged.tag()).isEqualTo("bad_return_value");
        assertThat(tagged.detail()).isEqualTo(Result.reply("not for a cast", List.of()));
    }

    @Test
    void nullFromHandleCallFailsCaller() throws Exception {
        Pid server = startRecorder();

        CallException failure = catchThrowableOfType(CallException.class,
                () -> GenServer.call(kernel, server, RETURN_NULL));

        assertThat(failure.reason()).isEqualTo(new ExitReason.Tagged("bad_return_value", null));
        assertThat(kernel.isAlive(server)).isFalse();
    }

    @Test
    void unexpectedCallGetsErrorReplyAndServerLives() throws Exception {
        Pid server = startRecorder();

        assertThatThrownBy(() -> GenServer.call(kernel, server, "unknown request"))
                .isExactlyInstanceOf(CallException.class)
                .hasMessageContaining("Unexpected call unknown request")
                .hasCauseInstanceOf(IllegalArgumentException.class)
                .extracting(e -> ((CallException) e).reason()).isNull();
        assertThat(GenServer.call(kernel, server, new Echo("still here"))).isEqualTo("still here");
    }

    @Test
    void callToDeadServerFailsWithNoproc() throws Exception {
        Pid server = startRecorder();
        GenServer.stop(kernel, server, ExitReason.NORMAL, Duration.ofSeconds(5));

        CallException failure = catchThrowableOfType(CallException.class,
                () -> GenServer.call(kernel, server, STATE));

        assertThat(failure.reason()).isEqualTo(ExitReason.NOPROC);
        assertThat(failure.server()).isEqualTo(server);
    }

    @Test
    void crashInCallFailsCallerAndRunsTerminate() throws Exception {
        Pid server = startRecorder();
        IllegalStateException error = new IllegalStateException("failed on purpose");

        CallException failure = catchThrowableOfType(CallException.class,
                () -> GenServer.call(kernel, server, new Fail(error)));

        assertThat(failure.reason()).isEqualTo(new ExitReason.Crash(error));
        assertThat(Await.take(events)).isEqualTo(new Terminated(new ExitReason.Crash(error), List.of()));
    }

    @Test
    void initCrashFailsStartWithoutTerminate() throws Exception {
        IllegalStateException error = new IllegalStateException("init failed on purpose");

        StartException failure = catchThrowableOfType(StartException.class,
                () -> GenServer.start(kernel, new RecordingServer(events), error));

        assertThat(failure.reason()).isEqualTo(new ExitReason.Crash(error));
        assertThat(failure.getCause()).isSameAs(error);
        assertThat(Await.take(events)).isInstanceOf(Started.class);
        MonitorProbe.watch(kernel, failure.pid()).awaitDown();
        assertThat(events).as("terminate runs only after a successful init, as in OTP").isEmpty();
    }

    @Test
    void initStopOrIgnoreFailsStart() throws Exception {
        ExitReason reason = new ExitReason.Atom("not_today");

        StartException stopped = catchThrowableOfType(StartException.class,
                () -> GenServer.start(kernel, new RecordingServer(events), Init.stop(reason)));
        StartException ignored = catchThrowableOfType(StartException.class,
                () -> GenServer.start(kernel, new RecordingServer(events), Init.ignore()));

        assertThat(stopped.reason()).isEqualTo(reason);
        assertThat(ignored.reason()).isEqualTo(ExitReason.atom("ignore"));
        MonitorProbe.watch(kernel, stopped.pid()).awaitDown();
        MonitorProbe.watch(kernel, ignored.pid()).awaitDown();
        assertThat(kernel.isAlive(stopped.pid())).isFalse();
        assertThat(kernel.isAlive(ignored.pid())).isFalse();
    }

    @Test
    void namedStartRegistersAndRejectsSecond() throws Exception {
        Pid first = GenServer.start(kernel, "recorder", new RecordingServer(events), null);

        StartException second = catchThrowableOfType(StartException.class,
                () -> GenServer.start(kernel, "recorder", new RecordingServer(events), null));

        assertThat(kernel.whereis("recorder")).contains(first);
        assertThat(second.reason()).isEqualTo(new ExitReason.Tagged("already_started", first));
        assertThat(second.pid()).isNotEqualTo(first);
        assertThat(GenServer.call(kernel, first, new Echo("first"))).isEqualTo("first");
    }

    @Test
    void parentExitStopsTrappingServerThroughTerminate() throws Exception {
        GenServer<Object> trapping = new GenServer<>() {
            @Override
            public Init<Object> init(ProcessContext self, Object args) {
                self.trapExit(true);
                return Init.ok("state");
            }

            @Override
            public void terminate(ExitReason reason, Object state) {
                events.add(new Terminated(reason, List.of(state)));
            }
        };
        Pid parent = kernel.spawn(self -> {
            events.put(GenServer.startLink(kernel, trapping, null));
            self.receive(message -> message.equals("stop"), null);
            self.exit(ExitReason.SHUTDOWN);
        });
        Pid server = (Pid) Await.take(events);
        MonitorProbe probe = MonitorProbe.watch(kernel, server);

        kernel.send(parent, "stop");

        assertThat(Await.take(events)).isEqualTo(new Terminated(ExitReason.SHUTDOWN, List.of("state")));
        assertThat(probe.awaitReason()).isEqualTo(ExitReason.SHUTDOWN);
        assertThat(kernel.info(server)).isEmpty();
    }
}
