package dev.tern.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code users add|delete|password|list|exists}, on {@code tern:type=Users}. */
final class UserCommands {

    private static final int PAGE_SIZE = 1000;

    private UserCommands() {
    }

    static List<Command> commands() {
        return List.of(
                Command.of("users", "add", "NAME", "create an account; asks for the password twice", UserCommands::add,
                        ArgumentKind.TEXT),
                Command.of("users", "delete", "NAME", "delete an account and close its sessions",
                        UserCommands::delete, ArgumentKind.USER),
                Command.of("users", "password", "NAME", "set a new password; asks for it twice",
                        UserCommands::password, ArgumentKind.USER),
                Command.of("users", "list", "", "list every account", UserCommands::list),
                Command.of("users", "exists", "NAME", "tell whether an account exists; ctl exits 1 when it does not",
                        UserCommands::exists, ArgumentKind.USER));
    }

    private static void add(Invocation call) throws ConsoleException {
        call.requireAtMost(1);
        String name = call.argument(0);
        char[] password = newPassword(call, "Password for '" + name + "': ");
        try {
            call.client().exec(Beans.USERS, "add", name, new String(password));
        } finally {
            Arrays.fill(password, '\0');
        }
        call.output().done(Map.of("added", name), "Created account '" + name + "'");
    }

    private static void delete(Invocation call) throws ConsoleException {
        call.requireAtMost(1);
        String name = call.argument(0);
        if (!call.prompter().confirm("Delete account '" + name + "' and close its sessions?")) {
            call.output().progress("Not deleted");
            return;
        }
        call.client().exec(Beans.USERS, "delete", name);
        call.output().done(Map.of("deleted", name), "Deleted account '" + name + "'");
    }

    private static void password(Invocation call) throws ConsoleException {
        call.requireAtMost(1);
        String name = call.argument(0);
        char[] password = newPassword(call, "New password for '" + name + "': ");
        try {
            call.client().exec(Beans.USERS, "changePassword", name, new String(password));
        } finally {
            Arrays.fill(password, '\0');
        }
        call.output().done(Map.of("changed", name), "Changed the password of '" + name + "'");
    }

    private static void list(Invocation call) throws ConsoleException {
        call.requireAtMost(0);
        List<String> names = new ArrayList<>();
        String after = "";
        while (true) {
            List<?> page = JolokiaClient.list(call.client().exec(Beans.USERS, "list", after, PAGE_SIZE));
            page.forEach(name -> names.add(name.toString()));
            if (page.size() < PAGE_SIZE) {
                break;
            }
            after = names.getLast();
        }
        call.output().show(names, out -> {
            names.forEach(out::println);
            out.println(names.size() == 1 ? "1 account" : names.size() + " accounts");
        });
    }

    private static void exists(Invocation call) throws ConsoleException {
        call.requireAtMost(1);
        String name = call.argument(0);
        boolean exists = Boolean.TRUE.equals(call.client().exec(Beans.USERS, "exists", name));
        if (!exists && !call.interactive()) {
            throw ConsoleException.failed("Account '" + name + "' does not exist");
        }
        call.output().done(Map.of("name", name, "exists", exists),
                exists ? "Account '" + name + "' exists" : "Account '" + name + "' does not exist");
    }

    /** Reads a password twice and fails when the two differ or it is empty. */
    private static char[] newPassword(Invocation call, String prompt) throws ConsoleException {
        char[] password = call.prompter().readSecret(prompt);
        if (password.length == 0) {
            throw ConsoleException.usage("The password is empty; nothing was changed");
        }
        if (!call.prompter().interactive()) {
            return password;
        }
        char[] again = call.prompter().readSecret("Repeat the password: ");
        boolean same = Arrays.equals(password, again);
        Arrays.fill(again, '\0');
        if (!same) {
            Arrays.fill(password, '\0');
            throw ConsoleException.usage("The two passwords differ; nothing was changed");
        }
        return password;
    }
}
