package dev.tern.console;

/** The object names of the server's MXBeans, as the server and hotload register them. */
final class Beans {

    static final String SERVER = "tern:type=Server";
    static final String USERS = "tern:type=Users";
    static final String SESSIONS = "tern:type=Sessions";
    static final String ROSTER = "tern:type=Roster";
    static final String MESSAGES = "tern:type=Messages";
    static final String LOGGING = "tern:type=Logging";
    static final String MODULES = "tern:type=Modules";
    static final String PROCESSES = "tern:type=Processes";

    private Beans() {
    }

    /** Returns the name of one module's MXBean. */
    static String module(String name) {
        return "tern:type=Module,name=" + name;
    }
}
