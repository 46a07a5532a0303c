package dev.tern.console;

import java.util.List;
import java.util.Map;

/** {@code messages send|announce}, on {@code tern:type=Messages}. */
final class MessageCommands {

    private MessageCommands() {
    }

    static List<Command> commands() {
        return List.of(
                Command.of("messages", "send", "JID TEXT", "send a message from the server's domain to a user",
                        MessageCommands::send, ArgumentKind.JID, ArgumentKind.TEXT),
                Command.of("messages", "announce", "TEXT", "send a headline message to every connected resource",
                        MessageCommands::announce, ArgumentKind.TEXT));
    }

    private static void send(Invocation call) throws ConsoleException {
        String to = call.argument(0);
        call.client().exec(Beans.MESSAGES, "send", to, call.text(1));
        call.output().done(Map.of("sent", to), "Sent the message to '" + to + "'");
    }

    private static void announce(Invocation call) throws ConsoleException {
        Object delivered = call.client().exec(Beans.MESSAGES, "announce", call.text(0));
        long count = Format.number(delivered);
        call.output().done(Map.of("delivered", delivered), "Announced to " + count
                + (count == 1 ? " session" : " sessions"));
    }
}
