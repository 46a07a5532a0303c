package dev.tern.console;

import java.util.List;
import java.util.Map;

/** {@code roster show}, on {@code tern:type=Roster}. */
final class RosterCommands {

    private RosterCommands() {
    }

    static List<Command> commands() {
        return List.of(Command.of("roster", "show", "NAME", "a user's contacts with their subscription states",
                RosterCommands::show, ArgumentKind.USER));
    }

    private static void show(Invocation call) throws ConsoleException {
        call.requireAtMost(1);
        String name = call.argument(0);
        List<?> items = JolokiaClient.list(call.client().exec(Beans.ROSTER, "show", name));
        call.output().show(items, out -> {
            if (items.isEmpty()) {
                out.println("The roster of '" + name + "' is empty");
                return;
            }
            Table table = new Table("JID", "NAME", "SUBSCRIPTION", "ASK", "GROUPS");
            for (Object value : items) {
                Map<?, ?> item = (Map<?, ?>) value;
                boolean ask = Boolean.TRUE.equals(item.get("ask"));
                table.row(item.get("jid"), item.get("name"), item.get("subscription"), ask ? "subscribe" : null,
                        item.get("groups"));
            }
            table.print(out);
        });
    }
}
