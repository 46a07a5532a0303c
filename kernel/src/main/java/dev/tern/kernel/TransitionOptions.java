package dev.tern.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The options that the actions of one {@link GenStatem} transition set, gathered from the
 * event's callback and then from its state enter calls, as OTP's transition options. Replies
 * go out while gathering, and the engine applies the rest once the transition is complete.
 */
final class TransitionOptions {

    /** The callback that returned the actions, which decides the actions allowed. */
    enum Source {
        /** {@code init}, where every action is allowed and postpone is ignored. */
        INIT,
        /** An event, where every action is allowed. */
        EVENT,
        /** A state enter call, where only replies and timeout actions are allowed. */
        ENTER
    }

    private boolean postpone;
    private final List<GenStatemProcess.Event> nextEvents = new ArrayList<>();
    private final LinkedHashMap<EventType, Action> timeouts = new LinkedHashMap<>();

    /** Returns true when every action may come from {@code source}. */
    static boolean allowed(List<Action> actions, Source source) {
        if (source != Source.ENTER) {
            return true;
        }
        return actions.stream().noneMatch(action -> action instanceof Action.Postpone
                || action instanceof Action.NextEvent);
    }

    /** Sends replies now and records the other actions. Call {@link #allowed} first. */
    void add(List<Action> actions, Source source) {
        for (Action action : actions) {
            switch (action) {
                case Action.Reply reply -> reply.from().slot.complete(reply.reply());
                case Action.Postpone ignored -> postpone = source == Source.EVENT;
                case Action.NextEvent next -> nextEvents.add(new GenStatemProcess.Event(next.type(), next.content()));
                case Action.StartTimeout start -> putTimeout(start.type(), start);
                case Action.CancelTimeout cancel -> putTimeout(cancel.type(), cancel);
            }
        }
    }

    /** Records {@code action} for {@code type}, replacing an earlier one and taking its own place in the order. */
    private void putTimeout(EventType type, Action action) {
        timeouts.remove(type);
        timeouts.put(type, action);
    }

    boolean postpone() {
        return postpone;
    }

    /** Returns the inserted events in the order of their actions. */
    List<GenStatemProcess.Event> nextEvents() {
        return nextEvents;
    }

    /** Starts or cancels timeouts: the last action of each type, in action order. */
    void applyTimeouts(GenStatemTimeouts running) {
        for (Action action : timeouts.values()) {
            if (action instanceof Action.StartTimeout start) {
                running.start(start.type(), start.time(), start.content());
            } else if (action instanceof Action.CancelTimeout cancel) {
                running.cancel(cancel.type());
            }
        }
    }
}
