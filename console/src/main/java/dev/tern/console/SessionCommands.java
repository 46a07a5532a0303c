package dev.tern.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code sessions list|count|show|kick}, on {@code tern:type=Sessions}. */
final class SessionCommands {

    private static final String ALL = "--all";
    private static final String CONDITION = "--condition";

    private SessionCommands() {
    }

    static List<Command> commands() {
        return List.of(
                Command.of("sessions", "list", "", "every bound resource with its address, TLS and traffic",
                        SessionCommands::list),
                Command.of("sessions", "count", "", "the number of bound resources", SessionCommands::count),
                Command.of("sessions", "show", "JID", "the sessions of a full or bare JID in detail",
                        SessionCommands::show, ArgumentKind.SESSION_JID),
                Command.of("sessions", "kick", "JID|--all [--condition NAME] [TEXT]",
                        "close sessions with a stream error, policy-violation unless --condition names another",
                        SessionCommands::kick, ArgumentKind.SESSION_JID, ArgumentKind.TEXT));
    }

    private static void list(Invocation call) throws ConsoleException {
        call.requireAtMost(0);
        List<?> sessions = JolokiaClient.list(call.client().exec(Beans.SESSIONS, "list"));
        call.output().show(sessions, out -> {
            Table table = new Table("JID", "ADDRESS", "TLS", "SINCE", "IN", "OUT");
            for (Object item : sessions) {
                Map<?, ?> session = (Map<?, ?>) item;
                table.row(session.get("jid"), session.get("remoteAddress"), session.get("tlsProtocol"),
                        session.get("since"), session.get("stanzasIn"), session.get("stanzasOut"));
            }
            table.print(out);
            out.println(sessions.size() == 1 ? "1 session" : sessions.size() + " sessions");
        });
    }

    private static void count(Invocation call) throws ConsoleException {
        call.requireAtMost(0);
        Object count = call.client().read(Beans.SESSIONS, "Count");
        call.output().done(count, String.valueOf(count));
    }

    private static void show(Invocation call) throws ConsoleException {
        call.requireAtMost(1);
        List<?> sessions = JolokiaClient.list(call.client().exec(Beans.SESSIONS, "show", call.argument(0)));
        call.output().show(sessions, out -> {
            for (Object item : sessions) {
                Map<?, ?> session = (Map<?, ?>) item;
                List<String[]> lines = new ArrayList<>();
                lines.add(new String[] {"JID", Format.text(session.get("jid"))});
                lines.add(new String[] {"Process", Format.text(session.get("pid"))});
                lines.add(new String[] {"Address", Format.text(session.get("remoteAddress"))});
                lines.add(new String[] {"TLS", Format.text(session.get("tlsProtocol"))});
                lines.add(new String[] {"Since", Format.text(session.get("since"))});
                lines.add(new String[] {"Stanzas in", Format.text(session.get("stanzasIn"))});
                lines.add(new String[] {"Stanzas out", Format.text(session.get("stanzasOut"))});
                lines.add(new String[] {"Available", Format.text(session.get("available"))});
                lines.add(new String[] {"Priority", Format.text(session.get("priority"))});
                Table.keyValues(out, lines);
                out.println();
            }
        });
    }

    /**
     * Kicks one JID in one call, or with {@code --all} each session in its own call, reporting
     * progress, so that a long mass kick shows how far it got and which sessions failed.
     */
    private static void kick(Invocation call) throws ConsoleException {
        List<String> words = new ArrayList<>(call.arguments());
        String condition = "";
        int flag = words.indexOf(CONDITION);
        if (flag >= 0) {
            if (flag + 1 >= words.size()) {
                throw ConsoleException.usage("--condition needs a stream error name, such as policy-violation");
            }
            condition = words.get(flag + 1);
            words.subList(flag, flag + 2).clear();
        }
        if (words.isEmpty()) {
            throw ConsoleException.usage("Missing JID; usage: " + call.command().synopsis());
        }
        String target = words.getFirst();
        String text = String.join(" ", words.subList(1, words.size()));

        if (!target.equals(ALL)) {
            Object kicked = call.client().exec(Beans.SESSIONS, "kick", target, condition, text);
            call.output().done(Map.of("kicked", kicked), "Closed " + sessions(Format.number(kicked)) + " of '"
                    + target + "'");
            return;
        }

        List<?> sessions = JolokiaClient.list(call.client().exec(Beans.SESSIONS, "list"));
        if (!sessions.isEmpty() && !call.prompter().confirm("Close all " + sessions(sessions.size()) + "?")) {
            call.output().progress("No session closed");
            return;
        }
        Map<String, String> failures = new LinkedHashMap<>();
        int done = 0;
        for (Object item : sessions) {
            String jid = String.valueOf(((Map<?, ?>) item).get("jid"));
            done++;
            try {
                call.client().exec(Beans.SESSIONS, "kick", jid, condition, text);
                call.output().progress("[" + done + "/" + sessions.size() + "] closed " + jid);
            } catch (ConsoleException e) {
                if (e.kind() == ConsoleException.Kind.UNREACHABLE) {
                    throw e;
                }
                // The session may have ended since the list was taken; report it and go on.
                failures.put(jid, e.getMessage());
                call.output().progress("[" + done + "/" + sessions.size() + "] failed " + jid + ": " + e.getMessage());
            }
        }
        int kicked = sessions.size() - failures.size();
        call.output().done(Map.of("kicked", kicked, "failed", failures), "Closed " + sessions(kicked)
                + (failures.isEmpty() ? "" : ", " + failures.size() + " failed"));
    }

    private static String sessions(long count) {
        return count == 1 ? "1 session" : count + " sessions";
    }
}
