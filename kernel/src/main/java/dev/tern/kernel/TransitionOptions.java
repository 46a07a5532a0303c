package dev.tern.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What the actions of one {@link GenStatem} transition ask for, gathered from the event's
 * callback and then from its state enter calls, as OTP's transition options. Replies go out
 * while gathering; the rest the engine applies once the transition is complete.
 */
final class TransitionOptions {

    /** Which callback returned the actions: this decides which actions are allowed. */
    enum Source {
        /** {@code init}: every action is allowed, and postpone is ignored. */
        INIT,
        /** An event: every action is allowed. */
        EVENT,
        /** A state enter call: replies and timeouts only. */
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

    /** Runs replies now and records the other actions; call {@link #allowed} first. */
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

    /** The last action for a type wins and takes that action's place in the order. */
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
