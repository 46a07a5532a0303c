package dev.tern.server.management;

import java.util.List;

/** The server as a whole, as {@code tern:type=Server}. */
public interface ServerMXBean {

    /** Returns the XMPP domain the server serves. */
    String getDomain();

    /** Returns the version of the tern-server jar, or {@code unknown} when not run from a jar. */
    String getVersion();

    /** Returns when the JVM started, as ISO-8601; Tern runs one server per JVM. */
    String getStartedAt();

    /** Returns the JVM's uptime in seconds. */
    long getUptimeSeconds();

    long getHeapUsedBytes();

    /** Returns the maximum heap size in bytes, or -1 when the JVM sets none. */
    long getHeapMaxBytes();

    /** Returns the number of live kernel processes. */
    int getProcessCount();

    /** Returns the number of bound resources. */
    int getSessionCount();

    /** Returns the number of open client connections, authenticated or not. */
    int getConnectionCount();

    /** Returns the client listeners as {@code <kind> <address>:<port>}. */
    List<String> getListeners();

    /** Starts stopping the server and returns at once: every stream gets {@code system-shutdown}. */
    void stop();
}
