package dev.tern.server.session;

import dev.tern.xmpp.api.StreamErrorCondition;
import java.util.Objects;

/**
 * The message that requests a session process to close its stream with a stream error, such as
 * {@code conflict} when a new session took its resource or {@code system-shutdown}.
 *
 * @param condition the stream error condition to send
 * @param text      English text for the client, sent as the error's {@code <text/>}
 */
public record Kick(StreamErrorCondition condition, String text) {

    public Kick {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(text, "text");
    }
}
