package dev.tern.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * A GenServer for tests that reports its callbacks to a queue. Its state is the list of casts
 * and infos it handled; requests named below make it misbehave on purpose.
 */
final class RecordingServer implements GenServer<List<Object>> {

    /** What {@link #init} reported. */
    record Started(Pid self, Object args) {
    }

    /** What {@link #terminate} reported. */
    record Terminated(ExitReason reason, List<Object> state) {
    }

    /** A call whose reply is its own value. */
    record Echo(Object value) {
    }

    /** A call or cast that throws {@code error} inside the callback. */
    record Fail(RuntimeException error) {
    }

    /** The init argument that makes the server trap exits. */
    record TrapExits() {
    }

    /** Requests without arguments. */
    enum Command {
        /** Call: replies with a copy of the state. */
        STATE,
        /** Call: keeps the From and replies later, on {@link #RELEASE}. */
        DEFER,
        /** Cast: replies "released" to the deferred call. */
        RELEASE,
        /** Call or cast: the callback returns null. */
        RETURN_NULL,
        /** Cast: the callback returns a Reply, which only a call may return. */
        RETURN_REPLY,
        /** Call: stops with shutdown after replying "bye". */
        STOP_WITH_REPLY
    }

    private final BlockingQueue<Object> events;
    private From deferred;

    RecordingServer(BlockingQueue<Object> events) {
        this.events = events;
    }

    /**
     * Starts with an empty list, unless {@code args} is an exception, which init throws, or an
     * {@link Init}, which init returns.
     */
    @Override
    public Init<List<Object>> init(ProcessContext self, Object args) throws Exception {
        events.put(new Started(self.self(), args));
        if (args instanceof TrapExits) {
            self.trapExit(true);
        }
        if (args instanceof Exception error) {
            throw error;
        }
        if (args instanceof Init<?> result) {
            @SuppressWarnings("unchecked")
            Init<List<Object>> typed = (Init<List<Object>>) result;
            return typed;
        }
        return Init.ok(new ArrayList<>());
    }

    @Override
    public Result<List<Object>> handleCall(Object request, From from, List<Object> state) throws Exception {
        return switch (request) {
            case Echo echo -> Result.reply(echo.value(), state);
            case Fail fail -> throw fail.error();
            case Command.STATE -> Result.reply(List.copyOf(state), state);
            case Command.DEFER -> {
                deferred = from;
                events.put(new Deferred(from.caller()));
                yield Result.noReply(state);
            }
            case Command.RETURN_NULL -> null;
            case Command.STOP_WITH_REPLY -> Result.stopAndReply(ExitReason.SHUTDOWN, "bye", state);
            default -> GenServer.super.handleCall(request, from, state);
        };
    }

    /** What a deferred call reported: who called. */
    record Deferred(Pid caller) {
    }

    @Override
    public Result<List<Object>> handleCast(Object message, List<Object> state) throws Exception {
        return switch (message) {
            case Fail fail -> throw fail.error();
            case Command.RELEASE -> {
                GenServer.reply(deferred, "released");
                events.put("replied");
                yield Result.noReply(state);
            }
            case Command.RETURN_NULL -> null;
            case Command.RETURN_REPLY -> Result.reply("not for a cast", state);
            default -> {
                state.add(message);
                yield Result.noReply(state);
            }
        };
    }

    @Override
    public Result<List<Object>> handleInfo(Object message, List<Object> state) throws Exception {
        state.add(message);
        events.put(message);
        return Result.noReply(state);
    }

    @Override
    public void terminate(ExitReason reason, List<Object> state) {
        events.add(new Terminated(reason, state == null ? null : List.copyOf(state)));
    }
}
