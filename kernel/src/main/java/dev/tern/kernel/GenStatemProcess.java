package dev.tern.kernel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel half of a {@link GenStatem}: turns each message into an event, runs the
 * callbacks, applies the transition they return, and implements {@code sys} state access
 * and code change.
 *
 * <p>A transition follows the steps that OTP 27 documents for {@code gen_statem}: replies
 * go out, state enter calls run, the event is postponed if asked, a state change moves the
 * postponed events to the front of the queue, inserted events go in front of them, and
 * then timeouts start or are cancelled. Every queued event and zero-time timeout is handled
 * before {@link #handle} returns, so between messages only postponed events remain, and a
 * {@code sys} suspension or code change keeps them.
 */
final class GenStatemProcess implements EventHandler {

    /** A request that makes a state machine stop with {@code reason}, without a reply. */
    record StopRequest(ExitReason reason) {
    }

    /** The reason {@code init} did not return ok. */
    record StartFailed(ExitReason reason) {
    }

    /** An event waiting in the queue, inserted, postponed or from an expired timeout. */
    record Event(EventType type, Object content) {
    }

    /** The effect of a callback result on the transition. */
    private enum Outcome {
        CONTINUE,
        REPEAT_ENTER,
        STOPPED
    }

    private GenStatem<Object, Object> callbacks;
    /** The start argument, dropped once init has run. */
    private Object args;
    private final String name;
    private final ReplySlot started = new ReplySlot();

    // Touched only by the process's own thread. Set once init returned ok.
    private boolean running;
    private Object state;
    private Object data;
    private GenStatemTimeouts timeouts;
    // Allocated on first use: most processes wait with nothing queued, and a server holds millions.
    private ArrayDeque<Event> queue;
    private final List<Event> postponed = new ArrayList<>();

    @SuppressWarnings("unchecked")
    private GenStatemProcess(GenStatem<?, ?> callbacks, Object args, String name) {
        this.callbacks = (GenStatem<Object, Object>) callbacks;
        this.args = args;
        this.name = name;
    }

    static Pid start(Kernel kernel, String name, GenStatem<?, ?> callbacks, Object args, boolean link) {
        GenStatemProcess handler = new GenStatemProcess(callbacks, args, name);
        ProcessCell linkTo = link ? kernel.requireCurrent("startLink") : null;
        ProcessCell cell = kernel.spawnCellAndInit(handler, linkTo);
        Object outcome;
        if (handler.started.isDone()) {
            // Init ran inline on this thread, the usual case: no monitor needed.
            outcome = handler.started.await();
        } else {
            // The monitor fills the slot if the process dies before init reports, e.g. killed first.
            MonitorRef monitor = kernel.monitorFor(handler.started, cell.pid);
            try {
                outcome = handler.started.await();
            } finally {
                kernel.demonitor(monitor);
            }
        }
        return switch (outcome) {
            case StartFailed failed -> throw new StartException(cell.pid, failed.reason(),
                    "GenStatem " + callbacks.getClass().getName() + " failed to start: " + failed.reason(),
                    failed.reason() instanceof ExitReason.Crash crash ? crash.cause() : null);
            case ReplySlot.Failed failed -> throw new StartException(cell.pid, failed.reason(),
                    "GenStatem " + callbacks.getClass().getName() + " exited during init: " + failed.reason(), null);
            default -> cell.pid;
        };
    }

    // ---------------------------------------------------------------- kernel callbacks

    @Override
    public void init(ProcessCell self) throws Exception {
        if (name != null) {
            try {
                self.kernel.register(name, self.pid);
            } catch (IllegalArgumentException taken) {
                ExitReason reason = new ExitReason.Tagged("already_started", self.kernel.whereis(name).orElse(null));
                started.complete(new StartFailed(reason));
                throw new ProcessExit(reason);
            }
        }

        InitResult<Object, Object> result;
        try {
            result = callbacks.init(self, args);
            args = null;
        } catch (ProcessExit exit) {
            started.complete(new StartFailed(exit.reason()));
            throw exit;
        } catch (Exception | Error crash) {
            started.complete(new StartFailed(new ExitReason.Crash(crash)));
            throw crash;
        }

        switch (result) {
            case InitResult.Ok<Object, Object> ok -> {
                state = ok.state();
                data = ok.data();
                timeouts = new GenStatemTimeouts(self);
                running = true;
                started.complete("ok");
                enterAfterInit(self, ok.actions());
            }
            case InitResult.Stop<Object, Object> stop -> {
                started.complete(new StartFailed(stop.reason()));
                throw new ProcessExit(stop.reason());
            }
            case InitResult.Ignore<Object, Object> ignore -> {
                started.complete(new StartFailed(new ExitReason.Atom("ignore")));
                throw new ProcessExit(ExitReason.NORMAL);
            }
            case null -> {
                ExitReason reason = new ExitReason.Tagged("bad_return_value", null);
                started.complete(new StartFailed(reason));
                throw new ProcessExit(reason);
            }
        }
    }

    @Override
    public void handle(ProcessCell self, Object message) throws Exception {
        Event event = switch (message) {
            case StopRequest stop -> {
                self.requestStop(stop.reason());
                yield null;
            }
            case Exit exit when exit.from().equals(self.parent) -> {
                self.requestStop(exit.reason());
                yield null;
            }
            case GenStatemTimeouts.Fired fired -> timeouts.expire(fired);
            case Calls.Call call -> new Event(EventType.call(call.from()), call.request());
            case Calls.Cast cast -> new Event(EventType.CAST, cast.message());
            default -> new Event(EventType.INFO, message);
        };
        if (event == null) {
            return;
        }
        handleEvent(self, event);
        handleQueued(self);
    }

    @Override
    public void terminate(ProcessCell self, ExitReason reason) {
        // OTP runs terminate only after a successful init.
        if (!running) {
            return;
        }
        timeouts.cancelAll();
        callbacks.terminate(reason, state, data);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object system(ProcessCell self, SystemRequest request) throws Exception {
        return switch (request) {
            case SystemRequest.GetState get -> new GenStatem.Snapshot<>(state, data);
            case SystemRequest.ChangeCode change -> {
                if (!self.isSuspended()) {
                    throw new IllegalStateException("Process " + self.pid + " must be suspended before a code change");
                }
                if (!(change.callbacks() instanceof GenStatem<?, ?> next)) {
                    throw new IllegalArgumentException("Code change of GenStatem " + self.pid
                            + " needs a GenStatem, got " + change.callbacks().getClass().getName());
                }
                // Convert first, so that a throwing codeChange leaves the old callbacks, state and data untouched.
                GenStatem.Snapshot<?, ?> converted = next.codeChange(change.oldVersion(), state, data, change.extra());
                if (converted == null || converted.state() == null) {
                    throw new IllegalStateException("codeChange of " + next.getClass().getName() + " returned "
                            + converted + ", expected a GenStatem.Snapshot with a non-null state");
                }
                callbacks = (GenStatem<Object, Object>) next;
                state = converted.state();
                data = converted.data();
                yield "ok";
            }
            default -> throw new IllegalArgumentException("Unknown sys request " + request);
        };
    }

    @Override
    public String behaviourName() {
        return callbacks.getClass().getName();
    }

    // ---------------------------------------------------------------- transitions

    /**
     * Runs {@link #enterInitialState}, and terminate when it crashes. The kernel runs no
     * terminate for a crash while handling the start signal, but init has succeeded here.
     */
    private void enterAfterInit(ProcessCell self, List<Action> actions) throws Exception {
        try {
            enterInitialState(self, actions);
        } catch (ProcessExit exit) {
            throw exit;
        } catch (Exception | Error crash) {
            try {
                terminate(self, new ExitReason.Crash(crash));
            } catch (RuntimeException failure) {
                crash.addSuppressed(failure);
            }
            throw crash;
        }
    }

    /**
     * Runs init's actions and the initial state enter call, whose old state is the initial
     * state, then the queued events.
     */
    private void enterInitialState(ProcessCell self, List<Action> actions) throws Exception {
        TransitionOptions options = new TransitionOptions();
        options.add(actions, TransitionOptions.Source.INIT);
        if (!callEnter(self, state, options)) {
            return;
        }
        completeTransition(null, options, false);
        handleQueued(self);
    }

    /** Handles the inserted, retried and zero-time timeout events, oldest first, until none is left. */
    private void handleQueued(ProcessCell self) throws Exception {
        while (!self.stopRequested()) {
            Event next = queue == null ? null : queue.pollFirst();
            if (next == null) {
                next = timeouts.pollZeroTime();
            }
            if (next == null) {
                return;
            }
            handleEvent(self, next);
        }
    }

    /** Runs one event through handleEvent and applies the transition it returns. */
    private void handleEvent(ProcessCell self, Event event) throws Exception {
        // As in OTP, any event cancels the event timeout, inserted and retried events included.
        timeouts.cancel(EventType.EVENT_TIMEOUT);

        Object oldState = state;
        TransitionOptions options = new TransitionOptions();
        Transition<Object, Object> result = callbacks.handleEvent(event.type(), event.content(), state, data);
        Outcome outcome = apply(self, result, TransitionOptions.Source.EVENT, options);
        if (outcome == Outcome.STOPPED || self.stopRequested()) {
            return;
        }

        boolean stateChanged = !state.equals(oldState);
        if (stateChanged || outcome == Outcome.REPEAT_ENTER) {
            if (!callEnter(self, stateChanged ? oldState : state, options)) {
                return;
            }
        }
        completeTransition(event, options, stateChanged);
    }

    /**
     * Runs the state enter call, again as long as it returns repeat state, when the callbacks
     * want enter calls. Returns false when the process stops.
     */
    private boolean callEnter(ProcessCell self, Object oldState, TransitionOptions options) throws Exception {
        if (!callbacks.stateEnter()) {
            return true;
        }
        Object enteredFrom = oldState;
        while (true) {
            Transition<Object, Object> result = callbacks.handleEvent(EventType.ENTER, enteredFrom, state, data);
            Outcome outcome = apply(self, result, TransitionOptions.Source.ENTER, options);
            if (outcome == Outcome.STOPPED || self.stopRequested()) {
                return false;
            }
            if (outcome == Outcome.CONTINUE) {
                return true;
            }
            enteredFrom = state;
        }
    }

    /**
     * Checks a callback result, takes its state and data, and adds its actions to
     * {@code options}. A stop, or a result not allowed from {@code source}, requests the
     * process's stop and returns {@link Outcome#STOPPED}.
     */
    private Outcome apply(ProcessCell self, Transition<Object, Object> result, TransitionOptions.Source source,
            TransitionOptions options) {
        Object nextState = state;
        Object nextData;
        List<Action> actions;
        Outcome outcome = Outcome.CONTINUE;
        switch (result) {
            case Transition.NextState<Object, Object> next -> {
                // A state enter call cannot change the state it was called for.
                if (source == TransitionOptions.Source.ENTER && !next.state().equals(state)) {
                    return badReturnValue(self, result);
                }
                nextState = next.state();
                nextData = next.data();
                actions = next.actions();
            }
            case Transition.KeepState<Object, Object> keep -> {
                nextData = keep.keepData() ? data : keep.data();
                actions = keep.actions();
            }
            case Transition.RepeatState<Object, Object> repeat -> {
                nextData = repeat.keepData() ? data : repeat.data();
                actions = repeat.actions();
                outcome = Outcome.REPEAT_ENTER;
            }
            case Transition.Stop<Object, Object> stop -> {
                if (!stop.keepData()) {
                    data = stop.data();
                }
                stop.replies().forEach(reply -> reply.from().slot.complete(reply.reply()));
                self.requestStop(stop.reason());
                return Outcome.STOPPED;
            }
            case null -> {
                return badReturnValue(self, null);
            }
        }
        if (!TransitionOptions.allowed(actions, source)) {
            return badReturnValue(self, result);
        }
        state = nextState;
        data = nextData;
        options.add(actions, source);
        return outcome;
    }

    /**
     * Applies the gathered options once the callbacks are done: postpone the event, retry the
     * postponed ones after a state change, insert events, then start and cancel timeouts.
     *
     * @param event the event handled, or null for the transition into the initial state
     */
    private void completeTransition(Event event, TransitionOptions options, boolean stateChanged) {
        if (event != null && options.postpone()) {
            postponed.add(event);
        }
        if (stateChanged) {
            for (int i = postponed.size() - 1; i >= 0; i--) {
                queue().addFirst(postponed.get(i));
            }
            postponed.clear();
            timeouts.cancel(EventType.STATE_TIMEOUT);
        }

        List<Event> inserted = options.nextEvents();
        for (int i = inserted.size() - 1; i >= 0; i--) {
            queue().addFirst(inserted.get(i));
        }

        options.applyTimeouts(timeouts);
    }

    private ArrayDeque<Event> queue() {
        if (queue == null) {
            queue = new ArrayDeque<>(4);
        }
        return queue;
    }

    private Outcome badReturnValue(ProcessCell self, Object value) {
        self.requestStop(new ExitReason.Tagged("bad_return_value", value));
        return Outcome.STOPPED;
    }
}
