package dev.tern.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The GenStatem behaviour, as OTP's gen_statem in handle_event_function mode. Time is a
 * {@link ManualClock}, and {@code Sys.getState} serves as the barrier that shows a machine
 * has handled everything sent before it, because a sys request is no event.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GenStatemTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ManualClock clock = new ManualClock();
    private final Kernel kernel = Kernel.builder().name("gen-statem-test").clock(clock).build();
    private final BlockingQueue<String> terminated = new LinkedBlockingQueue<>();

    @AfterEach
    void closeKernel() {
        kernel.close();
    }

    // ---------------------------------------------------------------- code lock

    enum Door {
        LOCKED,
        OPEN
    }

    record Button(int digit) {
    }

    record LockData(List<Integer> code, List<Integer> pressed) {
        LockData withPressed(List<Integer> buttons) {
            return new LockData(code, List.copyOf(buttons));
        }
    }

    /**
     * OTP's code lock example in handle_event_function mode: buttons are cast, the last
     * {@code code.size()} of them must match the code, the open door relocks after 10 s,
     * a wrong entry clears after 30 s of no buttons, and buttons pressed while open wait.
     * The enter calls drive the door and record each command in {@code commands}.
     */
    static final class CodeLock implements GenStatem<Door, LockData> {
        private final List<String> commands;

        CodeLock(List<String> commands) {
            this.commands = commands;
        }

        @Override
        @SuppressWarnings("unchecked")
        public InitResult<Door, LockData> init(ProcessContext self, Object code) {
            return InitResult.ok(Door.LOCKED, new LockData((List<Integer>) code, List.of()));
        }

        @Override
        public boolean stateEnter() {
            return true;
        }

        @Override
        public Transition<Door, LockData> handleEvent(EventType type, Object content, Door state, LockData data) {
            if (type instanceof EventType.Enter) {
                return enter(state, data);
            }
            if (type instanceof EventType.Call call && content.equals("code_length")) {
                return Transition.keepStateAndData(Action.reply(call.from(), data.code().size()));
            }
            if (type instanceof EventType.StateTimeout && content.equals("lock") && state == Door.OPEN) {
                return Transition.nextState(Door.LOCKED, data);
            }
            if (type instanceof EventType.StateTimeout && content.equals("clear") && state == Door.LOCKED) {
                return Transition.keepState(data.withPressed(List.of()));
            }
            if (type instanceof EventType.Cast && content instanceof Button button) {
                return state == Door.OPEN ? Transition.keepStateAndData(Action.postpone()) : press(button, data);
            }
            return Transition.keepStateAndData();
        }

        private Transition<Door, LockData> enter(Door state, LockData data) {
            if (state == Door.LOCKED) {
                commands.add("lock");
                return Transition.keepState(data.withPressed(List.of()));
            }
            commands.add("unlock");
            return Transition.keepStateAndData(Action.stateTimeout(Duration.ofSeconds(10), "lock"));
        }

        private Transition<Door, LockData> press(Button button, LockData data) {
            List<Integer> pressed = new ArrayList<>(data.pressed());
            pressed.add(button.digit());
            if (pressed.size() > data.code().size()) {
                pressed.removeFirst();
            }
            if (pressed.equals(data.code())) {
                return Transition.nextState(Door.OPEN, data.withPressed(List.of()));
            }
            return Transition.keepState(data.withPressed(pressed), Action.stateTimeout(Duration.ofSeconds(30), "clear"));
        }
    }

    @Test
    void codeLockOpensWithCodeAndRelocks() {
        List<String> commands = new CopyOnWriteArrayList<>();
        Pid lock = GenStatem.start(kernel, new CodeLock(commands), List.of(1, 2, 3));

        for (int digit : new int[] {9, 1, 2}) {
            GenStatem.cast(kernel, lock, new Button(digit));
        }
        assertThat(snapshot(lock)).isEqualTo(new GenStatem.Snapshot<>(Door.LOCKED,
                new LockData(List.of(1, 2, 3), List.of(9, 1, 2))));
        assertThat(commands).containsExactly("lock");

        GenStatem.cast(kernel, lock, new Button(3));
        assertThat(snapshot(lock).state()).isEqualTo(Door.OPEN);
        assertThat(commands).containsExactly("lock", "unlock");

        GenStatem.cast(kernel, lock, new Button(4));
        assertThat(snapshot(lock)).isEqualTo(new GenStatem.Snapshot<>(Door.OPEN,
                new LockData(List.of(1, 2, 3), List.of())));

        clock.advance(Duration.ofSeconds(9));
        assertThat(snapshot(lock).state()).isEqualTo(Door.OPEN);

        clock.advance(Duration.ofSeconds(1));
        assertThat(snapshot(lock)).isEqualTo(new GenStatem.Snapshot<>(Door.LOCKED,
                new LockData(List.of(1, 2, 3), List.of(4))));
        assertThat(commands).containsExactly("lock", "unlock", "lock");
        assertThat(GenStatem.call(kernel, lock, "code_length")).isEqualTo(3);
    }

    @Test
    void codeLockClearsWrongEntry() {
        List<String> commands = new CopyOnWriteArrayList<>();
        Pid lock = GenStatem.start(kernel, new CodeLock(commands), List.of(1, 2, 3));
        GenStatem.cast(kernel, lock, new Button(7));
        snapshot(lock);

        clock.advance(Duration.ofSeconds(20));
        GenStatem.cast(kernel, lock, new Button(8));
        snapshot(lock);
        clock.advance(Duration.ofSeconds(29));
        assertThat(((LockData) snapshot(lock).data()).pressed()).containsExactly(7, 8);

        clock.advance(Duration.ofSeconds(1));
        assertThat(((LockData) snapshot(lock).data()).pressed()).isEmpty();
        assertThat(commands).containsExactly("lock");
    }

    // ---------------------------------------------------------------- scripted machine

    /** Cast to a {@link Script}: go to {@code state} with {@code actions}. */
    record Go(String state, List<Action> actions) {
    }

    /** Cast to a {@link Script}: keep state and data with {@code actions}. */
    record Keep(List<Action> actions) {
    }

    /** Cast to a {@link Script}: repeat state and data with {@code actions}. */
    record Repeat(List<Action> actions) {
    }

    /** A message a {@link Script} postpones in state "A" and logs as {@code info:LABEL@STATE} elsewhere. */
    record Defer(String label) {
    }

    /** Cast to a {@link Script}: stop with {@code reason}, logging "halt" in the data terminate gets. */
    record Halt(ExitReason reason) {
    }

    /** Cast to a {@link Script}: call exit with {@code reason}, then insert an event that must never run. */
    record ExitFromCallback(ExitReason reason) {
    }

    /** Cast to a {@link Script}: throw an {@link IllegalStateException} with {@code message}. */
    record Fail(String message) {
    }

    /**
     * A state machine the test drives through its events. The casts {@link Go}, {@link Keep},
     * {@link Repeat}, {@link Halt}, {@link ExitFromCallback} and {@link Fail} do what they
     * describe, and the call "version" gets the version as reply. Every other event, enter
     * calls included, is appended to the data, a log of {@code TYPE:CONTENT@STATE} entries. It starts in state "A" with the init actions given
     * as args, and a code change to it appends {@code code_change from OLD_VERSION}.
     */
    static class Script implements GenStatem<String, List<String>> {
        private final String version;
        private final String entryPrefix;
        private final boolean stateEnter;
        private final BlockingQueue<String> terminated;

        Script(String version, String entryPrefix, boolean stateEnter, BlockingQueue<String> terminated) {
            this.version = version;
            this.entryPrefix = entryPrefix;
            this.stateEnter = stateEnter;
            this.terminated = terminated;
        }

        @Override
        @SuppressWarnings("unchecked")
        public InitResult<String, List<String>> init(ProcessContext self, Object initActions) {
            return new InitResult.Ok<>("A", List.of(), (List<Action>) initActions);
        }

        @Override
        public boolean stateEnter() {
            return stateEnter;
        }

        @Override
        public Transition<String, List<String>> handleEvent(EventType type, Object content, String state,
                List<String> log) {
            boolean cast = type instanceof EventType.Cast;
            return switch (content) {
                case Go go when cast -> new Transition.NextState<>(go.state(), log, go.actions());
                case Keep keep when cast -> new Transition.KeepState<>(true, null, keep.actions());
                case Repeat repeat when cast -> new Transition.RepeatState<>(true, null, repeat.actions());
                case Halt halt when cast -> Transition.stop(halt.reason(), append(log, "halt"));
                case Fail fail when cast -> throw new IllegalStateException(fail.message());
                case ExitFromCallback exit when cast -> {
                    Kernel.current().exit(exit.reason());
                    yield Transition.keepStateAndData(Action.nextEvent(EventType.INTERNAL, "after exit"));
                }
                case Defer defer when state.equals("A") -> Transition.keepStateAndData(Action.postpone());
                case Defer defer -> Transition.keepState(append(log, type + ":" + defer.label() + "@" + state));
                case String request when request.equals("version") && type instanceof EventType.Call call ->
                        Transition.keepStateAndData(Action.reply(call.from(), version));
                default -> Transition.keepState(append(log, type + ":" + content + "@" + state));
            };
        }

        @Override
        public void terminate(ExitReason reason, String state, List<String> log) {
            terminated.add(reason + " in " + state + " with " + log);
        }

        @Override
        @SuppressWarnings("unchecked")
        public GenStatem.Snapshot<String, List<String>> codeChange(Object oldVersion, Object oldState,
                Object oldData, Object extra) throws Exception {
            List<String> log = new ArrayList<>((List<String>) oldData);
            log.add("code_change from " + oldVersion);
            return new GenStatem.Snapshot<>((String) oldState, List.copyOf(log));
        }

        private List<String> append(List<String> log, String entry) {
            List<String> next = new ArrayList<>(log);
            next.add(entryPrefix + entry);
            return List.copyOf(next);
        }
    }

    private Pid startScript(boolean stateEnter, Action... initActions) {
        return GenStatem.start(kernel, new Script("1", "", stateEnter, terminated), List.of(initActions));
    }

    private static Keep keep(Action... actions) {
        return new Keep(List.of(actions));
    }

    private static Go go(String state, Action... actions) {
        return new Go(state, List.of(actions));
    }

    private GenStatem.Snapshot<?, ?> snapshot(Pid pid) {
        return (GenStatem.Snapshot<?, ?>) Sys.getState(kernel, pid);
    }

    private Object logOf(Pid pid) {
        return snapshot(pid).data();
    }

    /** Sends {@code messages} while {@code pid} is suspended, so all are queued before it handles the first. */
    private void sendWhileSuspended(Pid pid, Object... messages) {
        Sys.suspend(kernel, pid);
        Arrays.stream(messages).forEach(message -> kernel.send(pid, message));
        Sys.resume(kernel, pid);
    }

    private static Calls.Cast cast(Object message) {
        return new Calls.Cast(message);
    }

    // ---------------------------------------------------------------- postpone

    @Test
    void postponedEventsStayWithoutStateChange() {
        Pid pid = startScript(false);

        kernel.send(pid, new Defer("d1"));
        GenStatem.cast(kernel, pid, keep());
        kernel.send(pid, new Defer("d2"));
        GenStatem.cast(kernel, pid, new Repeat(List.of()));
        kernel.send(pid, new Defer("d3"));
        GenStatem.cast(kernel, pid, go("A"));

        assertThat(snapshot(pid)).isEqualTo(new GenStatem.Snapshot<>("A", List.of()));
    }

    @Test
    void postponedEventsRetryInOrderAfterStateChange() {
        Pid pid = startScript(false);
        kernel.send(pid, new Defer("d1"));
        kernel.send(pid, new Defer("d2"));
        kernel.send(pid, new Defer("d3"));
        snapshot(pid);

        sendWhileSuspended(pid, cast(go("B")), "newer");

        assertThat(snapshot(pid)).isEqualTo(new GenStatem.Snapshot<>("B",
                List.of("info:d1@B", "info:d2@B", "info:d3@B", "info:newer@B")));
    }

    @Test
    void postponedEventPostponedAgainWhenRetried() {
        Pid pid = startScript(false);
        kernel.send(pid, new Defer("d1"));

        // Back in A the retried event is postponed again, and retried at the next change.
        GenStatem.cast(kernel, pid, go("B", Action.nextEvent(EventType.CAST, go("A"))));
        assertThat(snapshot(pid)).isEqualTo(new GenStatem.Snapshot<>("A", List.of()));

        GenStatem.cast(kernel, pid, go("C"));
        assertThat(logOf(pid)).isEqualTo(List.of("info:d1@C"));
    }

    // ---------------------------------------------------------------- next_event

    @Test
    void nextEventsRunBeforeMessages() {
        Pid pid = startScript(false);

        sendWhileSuspended(pid,
                cast(keep(Action.nextEvent(EventType.INTERNAL, "n1"), Action.nextEvent(EventType.CAST, "n2"))),
                "m1");

        assertThat(logOf(pid)).isEqualTo(List.of("internal:n1@A", "cast:n2@A", "info:m1@A"));
    }

    @Test
    void nextEventsRunBeforePostponedEvents() {
        Pid pid = startScript(false);
        kernel.send(pid, new Defer("d1"));

        sendWhileSuspended(pid, cast(go("B", Action.nextEvent(EventType.INTERNAL, "n1"))), "m1");

        assertThat(logOf(pid)).isEqualTo(List.of("internal:n1@B", "info:d1@B", "info:m1@B"));
    }

    // ---------------------------------------------------------------- state timeout

    @Test
    void stateTimeoutFiresInItsState() {
        Pid pid = startScript(false);
        GenStatem.cast(kernel, pid, keep(Action.stateTimeout(Duration.ofSeconds(5), "t")));
        snapshot(pid);

        clock.advance(Duration.ofSeconds(4));
        assertThat(logOf(pid)).isEqualTo(List.of());

        clock.advance(Duration.ofSeconds(1));
        assertThat(logOf(pid)).isEqualTo(List.of("state_timeout:t@A"));
    }

    @Test
    void stateTimeoutCancelledByStateChange() {
        Pid pid = startScript(false);
        GenStatem.cast(kernel, pid, keep(Action.stateTimeout(Duration.ofSeconds(5), "in A")));
        GenStatem.cast(kernel, pid, go("B"));
        snapshot(pid);

        clock.advance(Duration.ofSeconds(10));

        assertThat(snapshot(pid)).isEqualTo(new GenStatem.Snapshot<>("B", List.of()));
    }

    @Test
    void stateTimeoutKeptByKeepAndRepeatState() {
        Pid pid = startScript(false);
        GenStatem.cast(kernel, pid, keep(Action.stateTimeout(Duration.ofSeconds(5), "t")));
        GenStatem.cast(kernel, pid, keep());
        GenStatem.cast(kernel, pid, new Repeat(List.of()));
        GenStatem.cast(kernel, pid, go("A"));
        snapshot(pid);

        clock.advance(Duration.ofSeconds(5));

        assertThat(logOf(pid)).isEqualTo(List.of("state_timeout:t@A"));
    }

    @Test
    void stateTimeoutRunsInNewState() {
        Pid pid = startScript(false);
        GenStatem.cast(kernel, pid, go("B", Action.stateTimeout(Duration.ofSeconds(5), "t")));
        snapshot(pid);

        clock.advance(Duration.ofSeconds(5));

        assertThat(logOf(pid)).isEqualTo(List.of("state_timeout:t@B"));
    }

    @Test
    void stateTimeoutReplacedByNewOne() {
        Pid pid = startScript(false);
        GenStatem.cast(kernel, pid, keep(Action.stateTimeout(Duration.ofSeconds(5), "first")));
        snapshot(pid);
        clock.advance(Duration.ofSeconds(3));
        GenStatem.cast(kernel, pid, keep(Action.stateTimeout(Duration.ofSeconds(5), "second")));
        snapshot(pid);

        clock.advance(Duration.ofSeconds(2));
        assertThat(logOf(pid)).isEqualTo(List.of());

        clock.advance(Duration.ofSeconds(3));
        assertThat(logOf(pid)).isEqualTo(List.of("state_timeout:second@A"));
    }

    @Test
    void lastTimeoutActionOfTypeWins() {
        Pid pid = startScript(false);
        GenStatem.cast(kernel, pid, keep(
                Action.stateTimeout(Duration.ofSeconds(5), "first"),
                Action.stateTimeout(Duration.ofSeconds(8), "second")));
        snapshot(pid);

        clock.advance(Duration.ofSeconds(5));
        assertThat(logOf(pid)).isEqualTo(List.of());

        clock.advance(Duration.ofSeconds(3));
        assertThat(logOf(pid)).isEqualTo(List.of("state_timeout:second@A"));
    }

    @Test
    void stateTimeoutCancelledByCancelAction() {
        Pid pid = startScript(false);
        GenStatem.cast(kernel, pid, keep(Action.stateTimeout(Duration.ofSeconds(5), "t")));
        GenStatem.cast(kernel, pid, keep(Action.cancelStateTimeout()));
        snapshot(pid);

        clock.advance(Duration.ofSeconds(5));

        assertThat(logOf(pid)).isEqualTo(List.of());
    }

    @Test
    void staleTimerMessageIgnoredAfterCancel() {
        Pid pid = startScript(false);
        GenStatem.cast(kernel, pid, keep(Action.stateTimeout(Duration.ofSeconds(5), "stale")));
        snapshot(pid);

        // The state change is queued first and the timer's message after it, so the
        // message is already in the mailbox when the state change cancels the timeout.
        Sys.suspend(kernel, pid);
        GenStatem.cast(kernel, pid, go("B"));
        clock.advance(Duration.ofSeconds(5));
        Sys.resume(kernel, pid);

        assertThat(snapshot(pid)).isEqualTo(new GenStatem.Snapshot<>("B", List.of()));
    }

    @Test
    void staleTimerMessageIgnoredAfterReplace() {
        Pid pid = startScript(false);
        GenStatem.cast(kernel, pid, keep(Action.genericTimeout("g", Duration.ofSeconds(5), "first")));
        snapshot(pid);

        Sys.suspend(kernel, pid);
        GenStatem.cast(kernel, pid, keep(Action.genericTimeout("g", Duration.ofSeconds(5), "second")));
        clock.advance(Duration.ofSeconds(5));
        Sys.resume(kernel, pid);
        assertThat(logOf(pid)).isEqualTo(List.of());

        clock.advance(Duration.ofSeconds(5));
        assertThat(logOf(pid)).isEqualTo(List.of("{timeout, g}:second@A"));
    }

    // ---------------------------------------------------------------- event timeout

    @Test
    void eventTimeoutFiresWhenNoEventArrives() {
        Pid pid = startScript(false);
        GenStatem.cast(kernel, pid, keep(Action.eventTimeout(Duration.ofSeconds(5), "idle")));
        snapshot(pid);

        // Sys requests are no events: the barrier above must not cancel the timeout.
        clock.advance(Duration.ofSeconds(5));

        assertThat(logOf(pid)).isEqualTo(List.of("timeout:idle@A"));
    }

    @Test
    void eventTimeoutCancelledByAnyEvent() {
        Pid pid = startScript(false);
        GenStatem.cast(kernel, pid, keep(Action.eventTimeout(Duration.ofSeconds(5), "idle")));
        snapshot(pid);
        clock.advance(Duration.ofSeconds(3));
        kernel.send(pid, "ping");
        snapshot(pid);

        clock.advance(Duration.ofSeconds(5));

        assertThat(logOf(pid)).isEqualTo(List.of("info:ping@A"));
    }

    @Test
    void eventTimeoutCancelledByInsertedEvent() {
        Pid pid = startScript(false);
        GenStatem.cast(kernel, pid, keep(Action.eventTimeout(Duration.ofSeconds(5), "idle"),
                Action.nextEvent(EventType.INTERNAL, "inserted")));
        snapshot(pid);

        clock.advance(Duration.ofSeconds(5));

        assertThat(logOf(pid)).isEqualTo(List.of("internal:inserted@A"));
    }

    @Test
    void eventTimeoutCancelledByPostponedEvent() {
        Pid pid = startScript(false);
        GenStatem.cast(kernel, pid, keep(Action.eventTimeout(Duration.ofSeconds(5), "idle")));
        kernel.send(pid, new Defer("d1"));
        snapshot(pid);

        clock.advance(Duration.ofSeconds(5));

        assertThat(snapshot(pid)).isEqualTo(new GenStatem.Snapshot<>("A", List.of()));
    }

    // ---------------------------------------------------------------- generic timeouts

    @Test
    void genericTimeoutsSurviveStateChanges() {
        Pid pid = startScript(false);
        GenStatem.cast(kernel, pid, keep(
                Action.genericTimeout("g1", Duration.ofSeconds(5), "one"),
                Action.genericTimeout("g2", Duration.ofSeconds(7), "two"),
                Action.stateTimeout(Duration.ofSeconds(5), "state")));
        GenStatem.cast(kernel, pid, go("B"));
        GenStatem.cast(kernel, pid, go("C"));
        snapshot(pid);

        clock.advance(Duration.ofSeconds(5));
        assertThat(logOf(pid)).isEqualTo(List.of("{timeout, g1}:one@C"));

        clock.advance(Duration.ofSeconds(2));
        assertThat(logOf(pid)).isEqualTo(List.of("{timeout, g1}:one@C", "{timeout, g2}:two@C"));
    }

    @Test
    void genericTimeoutReplacedBySameNameOnly() {
        Pid pid = startScript(false);
        GenStatem.cast(kernel, pid, keep(
                Action.genericTimeout("g1", Duration.ofSeconds(5), "old"),
                Action.genericTimeout("g2", Duration.ofSeconds(5), "other")));
        snapshot(pid);
        clock.advance(Duration.ofSeconds(2));
        GenStatem.cast(kernel, pid, go("B", Action.genericTimeout("g1", Duration.ofSeconds(5), "new")));
        snapshot(pid);

        clock.advance(Duration.ofSeconds(3));
        assertThat(logOf(pid)).isEqualTo(List.of("{timeout, g2}:other@B"));

        clock.advance(Duration.ofSeconds(2));
        assertThat(logOf(pid)).isEqualTo(List.of("{timeout, g2}:other@B", "{timeout, g1}:new@B"));
    }

    @Test
    void genericTimeoutCancelledByName() {
        Pid pid = startScript(false);
        GenStatem.cast(kernel, pid, keep(
                Action.genericTimeout("g1", Duration.ofSeconds(5), "one"),
                Action.genericTimeout("g2", Duration.ofSeconds(5), "two")));
        GenStatem.cast(kernel, pid, keep(Action.cancelGenericTimeout("g1")));
        snapshot(pid);

        clock.advance(Duration.ofSeconds(5));

        assertThat(logOf(pid)).isEqualTo(List.of("{timeout, g2}:two@A"));
    }

    // ---------------------------------------------------------------- zero-time timeouts

    @Test
    void zeroTimeoutFiresBeforeMessages() {
        Pid pid = startScript(false);

        sendWhileSuspended(pid, cast(keep(
                Action.genericTimeout("z", Duration.ZERO, "zero"),
                Action.nextEvent(EventType.INTERNAL, "i1"),
                Action.nextEvent(EventType.INTERNAL, "i2"))), "m1");

        assertThat(logOf(pid)).isEqualTo(List.of("internal:i1@A", "internal:i2@A", "{timeout, z}:zero@A",
                "info:m1@A"));
    }

    @Test
    void zeroEventTimeoutFiresBeforeWaitingMessage() {
        Pid pid = startScript(false);

        sendWhileSuspended(pid, cast(keep(Action.eventTimeout(Duration.ZERO, "e0"))), "m1");

        assertThat(logOf(pid)).isEqualTo(List.of("timeout:e0@A", "info:m1@A"));
    }

    @Test
    void zeroEventTimeoutSkippedWhenEventsQueued() {
        Pid pid = startScript(false);

        GenStatem.cast(kernel, pid, keep(Action.eventTimeout(Duration.ZERO, "e0"),
                Action.nextEvent(EventType.INTERNAL, "i1")));

        assertThat(logOf(pid)).isEqualTo(List.of("internal:i1@A"));
    }

    @Test
    void zeroStateTimeoutCancelledByQueuedStateChange() {
        Pid pid = startScript(false);

        GenStatem.cast(kernel, pid, keep(Action.stateTimeout(Duration.ZERO, "s0"),
                Action.nextEvent(EventType.CAST, go("B"))));
        GenStatem.cast(kernel, pid, keep(Action.stateTimeout(Duration.ZERO, "s1")));

        assertThat(snapshot(pid)).isEqualTo(new GenStatem.Snapshot<>("B", List.of("state_timeout:s1@B")));
    }

    // ---------------------------------------------------------------- state enter calls

    @Test
    void stateEnterOnInitChangeAndRepeat() {
        Pid pid = startScript(true);
        assertThat(logOf(pid)).isEqualTo(List.of("enter:A@A"));

        GenStatem.cast(kernel, pid, go("B"));
        GenStatem.cast(kernel, pid, keep());
        GenStatem.cast(kernel, pid, go("B"));
        GenStatem.cast(kernel, pid, new Repeat(List.of()));

        assertThat(logOf(pid)).isEqualTo(List.of("enter:A@A", "enter:A@B", "enter:B@B"));
    }

    @Test
    void initActionsRunBeforeFirstMessage() {
        Pid pid = startScript(true,
                Action.nextEvent(EventType.INTERNAL, "boot"),
                Action.postpone(),
                Action.genericTimeout("z", Duration.ZERO, "zero"),
                Action.stateTimeout(Duration.ofSeconds(5), "init"));
        kernel.send(pid, "first");
        assertThat(logOf(pid)).isEqualTo(List.of("enter:A@A", "internal:boot@A", "{timeout, z}:zero@A",
                "info:first@A"));

        clock.advance(Duration.ofSeconds(5));
        assertThat(logOf(pid)).isEqualTo(List.of("enter:A@A", "internal:boot@A", "{timeout, z}:zero@A",
                "info:first@A", "state_timeout:init@A"));
    }

    // ---------------------------------------------------------------- calls and replies

    /**
     * Replies "now" at once through an action and "direct" through {@code GenStatem.reply}.
     * Keeps the From of "hold" in its data and replies to it from the next state, when
     * "release" is cast. Postpones "when_holding" until in state "holding". Replies to "quit"
     * and stops. Counts down {@code postponed} and {@code holding} when it postpones a call
     * and when it starts holding one.
     */
    static final class Waiter implements GenStatem<String, From> {
        private final CountDownLatch postponed;
        private final CountDownLatch holding;
        private final BlockingQueue<String> terminated;

        Waiter(CountDownLatch postponed, CountDownLatch holding, BlockingQueue<String> terminated) {
            this.postponed = postponed;
            this.holding = holding;
            this.terminated = terminated;
        }

        @Override
        public InitResult<String, From> init(ProcessContext self, Object args) {
            return InitResult.ok("idle", null);
        }

        @Override
        public Transition<String, From> handleEvent(EventType type, Object content, String state, From heldCaller) {
            if (type instanceof EventType.Call(From from)) {
                return switch ((String) content) {
                    case "now" -> Transition.keepStateAndData(Action.reply(from, "now in " + state));
                    case "direct" -> {
                        GenStatem.reply(from, "direct in " + state);
                        yield Transition.keepStateAndData();
                    }
                    case "when_holding" -> {
                        if (state.equals("holding")) {
                            yield Transition.keepStateAndData(Action.reply(from, "when_holding in " + state));
                        }
                        postponed.countDown();
                        yield Transition.keepStateAndData(Action.postpone());
                    }
                    case "hold" -> {
                        holding.countDown();
                        yield Transition.nextState("holding", from);
                    }
                    case "quit" -> Transition.stopAndReply(ExitReason.NORMAL, Action.reply(from, "bye"));
                    default -> Transition.keepStateAndData(Action.reply(from, "unknown " + content));
                };
            }
            if (type instanceof EventType.Cast && content.equals("release") && state.equals("holding")) {
                return Transition.nextState("idle", null, Action.reply(heldCaller, "released"));
            }
            return Transition.keepStateAndData();
        }

        @Override
        public void terminate(ExitReason reason, String state, From heldCaller) {
            terminated.add(reason + " in " + state);
        }
    }

    private static boolean await(CountDownLatch latch) throws InterruptedException {
        return latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void callRepliedByActionAndStoredFrom() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        Pid waiter = GenStatem.start(kernel, new Waiter(new CountDownLatch(1), holding, terminated), null);
        assertThat(GenStatem.call(kernel, waiter, "now")).isEqualTo("now in idle");

        CompletableFuture<Object> holdReply = CompletableFuture.supplyAsync(() -> GenStatem.call(kernel, waiter, "hold"));
        assertThat(await(holding)).isTrue();
        assertThat(GenStatem.call(kernel, waiter, "now")).isEqualTo("now in holding");
        assertThat(holdReply).isNotDone();

        GenStatem.cast(kernel, waiter, "release");
        assertThat(holdReply.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("released");
        assertThat(GenStatem.call(kernel, waiter, "direct")).isEqualTo("direct in idle");
    }

    @Test
    void postponedCallRepliedInLaterState() throws Exception {
        CountDownLatch postponed = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        Pid waiter = GenStatem.start(kernel, new Waiter(postponed, holding, terminated), null);

        CompletableFuture<Object> waiting =
                CompletableFuture.supplyAsync(() -> GenStatem.call(kernel, waiter, "when_holding"));
        assertThat(await(postponed)).isTrue();
        assertThat(GenStatem.call(kernel, waiter, "now")).isEqualTo("now in idle");
        assertThat(waiting).isNotDone();

        CompletableFuture<Object> holdReply = CompletableFuture.supplyAsync(() -> GenStatem.call(kernel, waiter, "hold"));
        assertThat(waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("when_holding in holding");

        GenStatem.cast(kernel, waiter, "release");
        assertThat(holdReply.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("released");
    }

    @Test
    void stopAndReplyRepliesThenTerminates() throws Exception {
        Pid waiter = GenStatem.start(kernel, new Waiter(new CountDownLatch(1), new CountDownLatch(1), terminated), null);

        assertThat(GenStatem.call(kernel, waiter, "quit")).isEqualTo("bye");

        assertThat(terminated.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("normal in idle");
        // The reply goes out before the process ends, so a later call fails with either
        // normal (still ending) or noproc (ended), but never gets a reply.
        assertThatThrownBy(() -> GenStatem.call(kernel, waiter, "now")).isInstanceOf(CallException.class);
    }

    @Test
    void stopRunsTerminate() throws Exception {
        Pid pid = startScript(false);
        kernel.send(pid, "m1");

        GenStatem.stop(kernel, pid, ExitReason.SHUTDOWN, WAIT);

        assertThat(terminated.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("shutdown in A with [info:m1@A]");
        assertThat(kernel.isAlive(pid)).isFalse();
    }

    @Test
    void stopWithDataPassesDataToTerminate() throws Exception {
        Pid pid = startScript(false);
        kernel.send(pid, "m1");

        GenStatem.cast(kernel, pid, new Halt(ExitReason.SHUTDOWN));

        assertThat(terminated.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("shutdown in A with [info:m1@A, halt]");
    }

    @Test
    void exitFromCallbackSkipsQueuedEvents() throws Exception {
        Pid pid = startScript(false);
        ExitReason reason = new ExitReason.Atom("gone");

        GenStatem.cast(kernel, pid, keep(
                Action.nextEvent(EventType.CAST, new ExitFromCallback(reason)),
                Action.nextEvent(EventType.INTERNAL, "queued")));

        assertThat(terminated.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("gone in A with []");
    }

    @Test
    void crashRunsTerminate() throws Exception {
        Pid pid = startScript(false);
        kernel.send(pid, "m1");

        GenStatem.cast(kernel, pid, new Fail("boom"));

        assertThat(terminated.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("{crash, java.lang.IllegalStateException: boom} in A with [info:m1@A]");
    }

    @Test
    void crashInInitActionsRunsTerminate() throws Exception {
        startScript(true, Action.nextEvent(EventType.CAST, new Fail("boom at start")));

        assertThat(terminated.poll(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isEqualTo("{crash, java.lang.IllegalStateException: boom at start} in A with [enter:A@A]");
    }

    @Test
    void crashInInitRunsNoTerminate() throws Exception {
        Script crashing = new Script("1", "", false, terminated) {
            @Override
            public InitResult<String, List<String>> init(ProcessContext self, Object initActions) {
                throw new IllegalStateException("no config");
            }
        };

        StartException failure = catchThrowableOfType(StartException.class,
                () -> GenStatem.start(kernel, crashing, List.of()));

        assertThat(failure.getCause()).hasMessage("no config");
        // A call fails only once the process has finished, after any terminate would have run.
        assertThatThrownBy(() -> GenStatem.call(kernel, failure.pid(), "version")).isInstanceOf(CallException.class);
        assertThat(terminated).isEmpty();
    }

    // ---------------------------------------------------------------- bad return values

    /**
     * Returns {@code eventResult} for the call "go" in state "A" and {@code enterResult} for
     * the enter call of state "B". Records the terminate reason and state.
     */
    static final class Misbehaving implements GenStatem<String, String> {
        private final Transition<String, String> eventResult;
        private final Transition<String, String> enterResult;
        private final BlockingQueue<String> terminated;

        Misbehaving(Transition<String, String> eventResult, Transition<String, String> enterResult,
                BlockingQueue<String> terminated) {
            this.eventResult = eventResult;
            this.enterResult = enterResult;
            this.terminated = terminated;
        }

        @Override
        public InitResult<String, String> init(ProcessContext self, Object args) {
            return InitResult.ok("A", "data");
        }

        @Override
        public boolean stateEnter() {
            return true;
        }

        @Override
        public Transition<String, String> handleEvent(EventType type, Object content, String state, String data) {
            if (type instanceof EventType.Enter) {
                return state.equals("B") ? enterResult : Transition.keepStateAndData();
            }
            return content.equals("go") ? eventResult : Transition.keepStateAndData();
        }

        @Override
        public void terminate(ExitReason reason, String state, String data) {
            terminated.add(reason + " in " + state);
        }
    }

    record BadCase(Transition<String, String> eventResult, Transition<String, String> enterResult,
            Object expectedDetail, String stateAtTerminate) {
    }

    @Test
    void badReturnValueStopsWithReason() throws Exception {
        Transition<String, String> toB = Transition.nextState("B", "data");
        Transition<String, String> postponeOnEnter = Transition.keepStateAndData(Action.postpone());
        Transition<String, String> insertOnEnter =
                Transition.keepStateAndData(Action.nextEvent(EventType.INTERNAL, "x"));
        Transition<String, String> changeOnEnter = Transition.nextState("C", "data");
        List<BadCase> cases = List.of(
                new BadCase(null, null, null, "A"),
                new BadCase(toB, null, null, "B"),
                new BadCase(toB, postponeOnEnter, postponeOnEnter, "B"),
                new BadCase(toB, insertOnEnter, insertOnEnter, "B"),
                new BadCase(toB, changeOnEnter, changeOnEnter, "B"));

        for (BadCase bad : cases) {
            Pid pid = GenStatem.start(kernel, new Misbehaving(bad.eventResult(), bad.enterResult(), terminated), null);
            ExitReason expected = new ExitReason.Tagged("bad_return_value", bad.expectedDetail());

            CallException failure = catchThrowableOfType(CallException.class,
                    () -> GenStatem.call(kernel, pid, "go"));

            assertThat(failure).as("call failure for %s", bad).isNotNull();
            assertThat(failure.reason()).as("exit reason for %s", bad).isEqualTo(expected);
            assertThat(terminated.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("terminate for %s", bad)
                    .isEqualTo(expected + " in " + bad.stateAtTerminate());
            assertThat(kernel.isAlive(pid)).as("alive after %s", bad).isFalse();
        }
    }

    // ---------------------------------------------------------------- start

    /** Returns the given init result. */
    record InitOnly(InitResult<String, String> result) implements GenStatem<String, String> {
        @Override
        public InitResult<String, String> init(ProcessContext self, Object args) {
            return result;
        }

        @Override
        public Transition<String, String> handleEvent(EventType type, Object content, String state, String data) {
            return Transition.keepStateAndData();
        }
    }

    @Test
    void startFailsForStopIgnoreAndNullInit() {
        ExitReason custom = new ExitReason.Atom("no_config");

        assertThat(catchThrowableOfType(StartException.class,
                () -> GenStatem.start(kernel, new InitOnly(InitResult.stop(custom)), null)).reason())
                .isEqualTo(custom);
        assertThat(catchThrowableOfType(StartException.class,
                () -> GenStatem.start(kernel, new InitOnly(InitResult.ignore()), null)).reason())
                .isEqualTo(new ExitReason.Atom("ignore"));
        assertThat(catchThrowableOfType(StartException.class,
                () -> GenStatem.start(kernel, new InitOnly(null), null)).reason())
                .isEqualTo(new ExitReason.Tagged("bad_return_value", null));
    }

    @Test
    void startNamedRejectsTakenName() {
        Pid first = GenStatem.start(kernel, "stream", new InitOnly(InitResult.ok("A", "data")), null);
        assertThat(kernel.whereis("stream")).contains(first);

        StartException failure = catchThrowableOfType(StartException.class,
                () -> GenStatem.start(kernel, "stream", new InitOnly(InitResult.ok("A", "data")), null));

        assertThat(failure.reason()).isEqualTo(new ExitReason.Tagged("already_started", first));
    }

    // ---------------------------------------------------------------- code change

    @Test
    void codeChangeKeepsQueuedEvents() {
        Pid pid = startScript(false);
        kernel.send(pid, new Defer("d1"));
        GenStatem.cast(kernel, pid, keep(Action.genericTimeout("g", Duration.ofSeconds(5), "tick")));
        snapshot(pid);

        Sys.suspend(kernel, pid);
        kernel.send(pid, "m1");
        GenStatem.cast(kernel, pid, go("B"));
        Sys.changeCode(kernel, pid, new Script("2", "v2 ", false, terminated), "1", null);
        assertThat(snapshot(pid)).isEqualTo(new GenStatem.Snapshot<>("A", List.of("code_change from 1")));
        Sys.resume(kernel, pid);

        assertThat(GenStatem.call(kernel, pid, "version")).isEqualTo("2");
        clock.advance(Duration.ofSeconds(5));
        assertThat(snapshot(pid)).isEqualTo(new GenStatem.Snapshot<>("B", List.of("code_change from 1",
                "v2 info:m1@A", "v2 info:d1@B", "v2 {timeout, g}:tick@B")));
    }

    @Test
    void codeChangeFailureKeepsOldState() {
        Pid pid = startScript(false);
        kernel.send(pid, "m0");
        kernel.send(pid, new Defer("d1"));
        GenStatem.Snapshot<?, ?> before = snapshot(pid);
        Script throwing = new Script("2", "v2 ", false, terminated) {
            @Override
            public GenStatem.Snapshot<String, List<String>> codeChange(Object oldVersion, Object oldState,
                    Object oldData, Object extra) {
                throw new IllegalStateException("cannot convert version " + oldVersion);
            }
        };
        Script returningNull = new Script("2", "v2 ", false, terminated) {
            @Override
            public GenStatem.Snapshot<String, List<String>> codeChange(Object oldVersion, Object oldState,
                    Object oldData, Object extra) {
                return null;
            }
        };

        assertThatThrownBy(() -> Sys.changeCode(kernel, pid, new Script("2", "v2 ", false, terminated), "1", null))
                .isInstanceOf(Sys.SysException.class)
                .hasMessageContaining("must be suspended");
        Sys.suspend(kernel, pid);
        assertThatThrownBy(() -> Sys.changeCode(kernel, pid, throwing, "1", null))
                .isInstanceOf(Sys.SysException.class)
                .hasMessageContaining("cannot convert version 1");
        assertThatThrownBy(() -> Sys.changeCode(kernel, pid, returningNull, "1", null))
                .isInstanceOf(Sys.SysException.class)
                .hasMessageContaining("returned null");
        assertThatThrownBy(() -> Sys.changeCode(kernel, pid, "not a state machine", "1", null))
                .isInstanceOf(Sys.SysException.class)
                .hasMessageContaining("needs a GenStatem");
        assertThat(snapshot(pid)).isEqualTo(before);
        Sys.resume(kernel, pid);

        assertThat(GenStatem.call(kernel, pid, "version")).isEqualTo("1");
        GenStatem.cast(kernel, pid, go("B"));
        assertThat(logOf(pid)).isEqualTo(List.of("info:m0@A", "info:d1@B"));
    }
}
