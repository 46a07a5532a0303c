package dev.tern.kernel;

/**
 * The kernel half of a {@link GenServer}: turns each message into the right callback, applies
 * its result, and implements {@code sys} state access and code change.
 */
final class GenServerProcess implements EventHandler {

    /** Asks a server to stop; it does not reply, it ends with the reason. */
    record StopRequest(ExitReason reason) {
    }

    private GenServer<Object> callbacks;
    private Object state;
    /** The start argument, dropped once init has run. */
    private Object args;
    private final String name;
    /** Filled when init returns, for a synchronous start; null for spawn and after init. */
    private ReplySlot started;

    @SuppressWarnings("unchecked")
    private GenServerProcess(GenServer<?> callbacks, Object args, String name) {
        this.callbacks = (GenServer<Object>) callbacks;
        this.args = args;
        this.name = name;
    }

    /** Spawns a server whose init runs as its first event, without waiting for it. */
    static Pid spawn(Kernel kernel, GenServer<?> callbacks, Object args, boolean link) {
        GenServerProcess handler = new GenServerProcess(callbacks, args, null);
        ProcessCell linkTo = link ? kernel.requireCurrent("spawnLink") : null;
        return kernel.spawnCell(handler, null, linkTo).pid;
    }

    static Pid start(Kernel kernel, String name, GenServer<?> callbacks, Object args, boolean link) {
        GenServerProcess handler = new GenServerProcess(callbacks, args, name);
        ReplySlot started = new ReplySlot();
        handler.started = started;
        ProcessCell linkTo = link ? kernel.requireCurrent("startLink") : null;
        ProcessCell cell = kernel.spawnCellAndInit(handler, linkTo);
        Object outcome;
        if (started.isDone()) {
            // Init ran inline on this thread, the usual case: no monitor needed.
            outcome = started.await();
        } else {
            // The monitor fills the slot if the process dies before init reports, e.g. killed first.
            MonitorRef monitor = kernel.monitorFor(started, cell.pid);
            try {
                outcome = started.await();
            } finally {
                kernel.demonitor(monitor);
            }
        }
        return switch (outcome) {
            case StartFailed failed -> throw new StartException(cell.pid, failed.reason(),
                    "GenServer " + callbacks.getClass().getName() + " failed to start: " + failed.reason(),
                    failed.reason() instanceof ExitReason.Crash crash ? crash.cause() : null);
            case ReplySlot.Failed failed -> throw new StartException(cell.pid, failed.reason(),
                    "GenServer " + callbacks.getClass().getName() + " exited during init: " + failed.reason(), null);
            default -> cell.pid;
        };
    }

    /** The reason {@code init} did not return ok. */
    record StartFailed(ExitReason reason) {
    }

    @Override
    public void init(ProcessCell self) throws Exception {
        if (name != null) {
            try {
                self.kernel.register(name, self.pid);
            } catch (IllegalArgumentException taken) {
                ExitReason reason = new ExitReason.Tagged("already_started", self.kernel.whereis(name).orElse(null));
                initDone(new StartFailed(reason));
                throw new ProcessExit(reason);
            }
        }
        Init<Object> result;
        try {
            result = callbacks.init(self, args);
            args = null;
        } catch (ProcessExit exit) {
            initDone(new StartFailed(exit.reason()));
            throw exit;
        } catch (Exception | Error crash) {
            initDone(new StartFailed(new ExitReason.Crash(crash)));
            throw crash;
        }
        switch (result) {
            case Init.Ok<Object> ok -> {
                state = ok.state();
                initDone("ok");
            }
            case Init.Stop<Object> stop -> {
                initDone(new StartFailed(stop.reason()));
                throw new ProcessExit(stop.reason());
            }
            case Init.Ignore<Object> ignore -> {
                initDone(new StartFailed(new ExitReason.Atom("ignore")));
                throw new ProcessExit(ExitReason.NORMAL);
            }
            case null -> {
                ExitReason reason = new ExitReason.Tagged("bad_return_value", null);
                initDone(new StartFailed(reason));
                throw new ProcessExit(reason);
            }
        }
    }

    private void initDone(Object outcome) {
        ReplySlot slot = started;
        started = null;
        if (slot != null) {
            slot.complete(outcome);
        }
    }

    @Override
    public void handle(ProcessCell self, Object message) throws Exception {
        switch (message) {
            case Calls.Call call -> apply(self, callbacks.handleCall(call.request(), call.from(), state), call.from());
            case Calls.Cast cast -> apply(self, callbacks.handleCast(cast.message(), state), null);
            case StopRequest stop -> self.requestStop(stop.reason());
            case Exit exit when exit.from().equals(self.parent) -> self.requestStop(exit.reason());
            default -> apply(self, callbacks.handleInfo(message, state), null);
        }
    }

    private void apply(ProcessCell self, Result<Object> result, From from) {
        switch (result) {
            case Result.Reply<Object> reply when from != null -> {
                state = reply.state();
                from.slot.complete(reply.reply());
            }
            case Result.ReplyError<Object> error when from != null -> {
                state = error.state();
                from.slot.complete(new Calls.ErrorReply(error.error()));
            }
            case Result.NoReply<Object> noReply -> state = noReply.state();
            case Result.Stop<Object> stop -> {
                state = stop.state();
                if (stop.hasReply() && from != null) {
                    from.slot.complete(stop.reply());
                }
                self.requestStop(stop.reason());
            }
            case null, default -> self.requestStop(new ExitReason.Tagged("bad_return_value", result));
        }
    }

    @Override
    public void terminate(ProcessCell self, ExitReason reason) {
        callbacks.terminate(reason, state);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object system(ProcessCell self, SystemRequest request) throws Exception {
        return switch (request) {
            case SystemRequest.GetState get -> state;
            case SystemRequest.ChangeCode change -> {
                if (!self.isSuspended()) {
                    throw new IllegalStateException("Process " + self.pid + " must be suspended before a code change");
                }
                if (!(change.callbacks() instanceof GenServer<?> next)) {
                    throw new IllegalArgumentException("Code change of GenServer " + self.pid + " needs a GenServer, got "
                            + change.callbacks().getClass().getName());
                }
                // Convert first: if it throws, the old callbacks and state stay untouched.
                Object converted = next.codeChange(change.oldVersion(), state, change.extra());
                callbacks = (GenServer<Object>) next;
                state = converted;
                yield "ok";
            }
            default -> throw new IllegalArgumentException("Unknown sys request " + request);
        };
    }

    @Override
    public String behaviourName() {
        return callbacks.getClass().getName();
    }
}
