package dev.tern.hotload.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** Java sources of the toy modules the tests build, keyed by class name. */
public final class Toys {

    private Toys() {
    }

    /** The failure a toy counter version is built with. */
    public enum CounterFault {
        NONE,
        /** start() starts an extra server, then throws. */
        START,
        /** The audit server's importState throws, after the counter server has migrated. */
        AUDIT_IMPORT
    }

    /**
     * Returns the sources of a counter module: server "counter" records numbers it gets by call and by cast, server
     * "audit" counts requests, and routes "counter" and "audit" reach them. Version 1 keeps its
     * state in a record, version 2 in a class with an extra field, so the state must be
     * exported and imported to cross versions.
     *
     * @param generation 1 or 2: which state class and reply prefix ("v1:", "v2:") to use
     */
    public static Map<String, String> counter(int generation, CounterFault fault) {
        Map<String, String> sources = new LinkedHashMap<>();
        String failStart = fault == CounterFault.START ? """
                        context.startServer("extra", new AuditServer(), null);
                        throw new IllegalStateException("start broken on purpose");
                """ : "";
        sources.put("toy.counter.CounterModule", """
                package toy.counter;

                import dev.tern.hotload.api.ModuleContext;
                import dev.tern.hotload.api.ModuleEntry;
                import dev.tern.hotload.testapi.Route;
                import dev.tern.kernel.GenServer;
                import dev.tern.kernel.Kernel;
                import dev.tern.kernel.Pid;

                public final class CounterModule implements ModuleEntry<Route> {
                    @Override
                    public void start(ModuleContext<Route> context) {
                        Kernel kernel = context.kernel();
                        String version = context.version();
                        Pid counter = context.startServer("counter", new CounterServer(), null);
                        Pid audit = context.startServer("audit", new AuditServer(), null);
                        context.register(new Route("counter", request -> "route-" + version + "|" + GenServer.call(kernel, counter, request)));
                        context.register(new Route("audit", request -> GenServer.call(kernel, audit, request)));
                %s    }
                }
                """.formatted(failStart));
        sources.put("toy.counter.CounterServer", generation == 1 ? COUNTER_SERVER_V1 : COUNTER_SERVER_V2);
        String auditImport = fault == CounterFault.AUDIT_IMPORT
                ? "throw new IllegalStateException(\"audit import broken on purpose\");"
                : "return (Integer) exported.get(\"count\");";
        sources.put("toy.counter.AuditServer", """
                package toy.counter;

                import dev.tern.hotload.api.CodeChange;
                import dev.tern.hotload.api.MigratableServer;
                import dev.tern.kernel.From;
                import dev.tern.kernel.Init;
                import dev.tern.kernel.ProcessContext;
                import dev.tern.kernel.Result;
                import java.util.Map;

                public final class AuditServer implements MigratableServer<Integer> {
                    @Override
                    public Init<Integer> init(ProcessContext self, Object args) {
                        return Init.ok(0);
                    }

                    @Override
                    public Result<Integer> handleCall(Object request, From from, Integer count) {
                        if ("count".equals(request)) {
                            return Result.reply(count, count);
                        }
                        return Result.reply("audit-v%d", count + 1);
                    }

                    @Override
                    public Map<String, Object> exportState(Integer count) {
                        return Map.of("count", count);
                    }

                    @Override
                    public Integer importState(Map<String, Object> exported, CodeChange change) {
                        %s
                    }
                }
                """.formatted(generation, auditImport));
        return sources;
    }

    private static final String COUNTER_SERVER_V1 = """
            package toy.counter;

            import dev.tern.hotload.api.CodeChange;
            import dev.tern.hotload.api.MigratableServer;
            import dev.tern.kernel.From;
            import dev.tern.kernel.Init;
            import dev.tern.kernel.ProcessContext;
            import dev.tern.kernel.Result;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.Map;

            public final class CounterServer implements MigratableServer<CounterServer.Seen> {
                public record Seen(ArrayList<Integer> calls, ArrayList<Integer> casts, int migrations) {
                }

                @Override
                public Init<Seen> init(ProcessContext self, Object args) {
                    return Init.ok(new Seen(new ArrayList<>(), new ArrayList<>(), 0));
                }

                @Override
                public Result<Seen> handleCall(Object request, From from, Seen state) {
                    if (request instanceof Integer number) {
                        state.calls().add(number);
                        return Result.reply("v1:" + number, state);
                    }
                    if ("get".equals(request)) {
                        return Result.reply(Map.of("version", "v1", "calls", List.copyOf(state.calls()),
                                "casts", List.copyOf(state.casts()), "migrations", state.migrations()), state);
                    }
                    return Result.reply("v1:" + request, state);
                }

                @Override
                public Result<Seen> handleCast(Object message, Seen state) {
                    if (message instanceof Integer number) {
                        state.casts().add(number);
                    }
                    return Result.noReply(state);
                }

                @Override
                public Map<String, Object> exportState(Seen state) {
                    return Map.of("calls", List.copyOf(state.calls()), "casts", List.copyOf(state.casts()),
                            "migrations", state.migrations());
                }

                @Override
                @SuppressWarnings("unchecked")
                public Seen importState(Map<String, Object> exported, CodeChange change) {
                    return new Seen(new ArrayList<>((List<Integer>) exported.get("calls")),
                            new ArrayList<>((List<Integer>) exported.get("casts")), (Integer) exported.get("migrations") + 1);
                }
            }
            """;

    private static final String COUNTER_SERVER_V2 = """
            package toy.counter;

            import dev.tern.hotload.api.CodeChange;
            import dev.tern.hotload.api.MigratableServer;
            import dev.tern.kernel.From;
            import dev.tern.kernel.Init;
            import dev.tern.kernel.ProcessContext;
            import dev.tern.kernel.Result;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.Map;

            public final class CounterServer implements MigratableServer<CounterServer.Tally> {
                public static final class Tally {
                    final ArrayList<Integer> calls = new ArrayList<>();
                    final ArrayList<Integer> casts = new ArrayList<>();
                    long total;
                    int migrations;
                }

                @Override
                public Init<Tally> init(ProcessContext self, Object args) {
                    return Init.ok(new Tally());
                }

                @Override
                public Result<Tally> handleCall(Object request, From from, Tally state) {
                    if (request instanceof Integer number) {
                        state.calls.add(number);
                        state.total += number;
                        return Result.reply("v2:" + number, state);
                    }
                    if ("get".equals(request)) {
                        return Result.reply(Map.of("version", "v2", "calls", List.copyOf(state.calls),
                                "casts", List.copyOf(state.casts), "migrations", state.migrations, "total", state.total), state);
                    }
                    return Result.reply("v2:" + request, state);
                }

                @Override
                public Result<Tally> handleCast(Object message, Tally state) {
                    if (message instanceof Integer number) {
                        state.casts.add(number);
                    }
                    return Result.noReply(state);
                }

                @Override
                public Map<String, Object> exportState(Tally state) {
                    return Map.of("calls", List.copyOf(state.calls), "casts", List.copyOf(state.casts),
                            "migrations", state.migrations);
                }

                @Override
                @SuppressWarnings("unchecked")
                public Tally importState(Map<String, Object> exported, CodeChange change) {
                    Tally tally = new Tally();
                    tally.calls.addAll((List<Integer>) exported.get("calls"));
                    tally.casts.addAll((List<Integer>) exported.get("casts"));
                    tally.total = tally.calls.stream().mapToLong(Integer::longValue).sum();
                    tally.migrations = (Integer) exported.get("migrations") + 1;
                    return tally;
                }
            }
            """;

    /** Returns the source of a module whose route, named after the module, returns its name, version and options. */
    public static Map<String, String> named() {
        return Map.of("toy.named.NamedModule", """
                package toy.named;

                import dev.tern.hotload.api.ModuleContext;
                import dev.tern.hotload.api.ModuleEntry;
                import dev.tern.hotload.testapi.Route;

                public final class NamedModule implements ModuleEntry<Route> {
                    @Override
                    public void start(ModuleContext<Route> context) {
                        String answer = context.moduleName() + " " + context.version() + " " + context.options().asMap();
                        context.register(new Route(context.moduleName(), request -> answer));
                    }
                }
                """);
    }

    /** Returns the source of a module whose route "spy" reports whether it can load the class named in the request. */
    public static Map<String, String> spy() {
        return Map.of("toy.spy.SpyModule", """
                package toy.spy;

                import dev.tern.hotload.api.ModuleContext;
                import dev.tern.hotload.api.ModuleEntry;
                import dev.tern.hotload.testapi.Route;

                public final class SpyModule implements ModuleEntry<Route> {
                    @Override
                    public void start(ModuleContext<Route> context) {
                        context.register(new Route("spy", request -> probe((String) request)));
                        context.register(new Route("spy-library", request -> toy.spylib.Helper.greet()));
                    }

                    static String probe(String className) {
                        try {
                            Class.forName(className);
                            return "loaded";
                        } catch (ClassNotFoundException e) {
                            return "ClassNotFoundException";
                        } catch (LinkageError e) {
                            return e.getClass().getSimpleName();
                        }
                    }
                }
                """);
    }

    /** Returns the source of a private library class {@code <pkg>.Helper} whose {@code greet()} returns {@code greeting}. */
    public static Map<String, String> helper(String pkg, String greeting) {
        return Map.of(pkg + ".Helper", """
                package %s;

                public final class Helper {
                    public static String greet() {
                        return "%s";
                    }
                }
                """.formatted(pkg, greeting));
    }

    /** Returns the source of a module that calls a private library of its own from route "peer". */
    public static Map<String, String> peer() {
        return Map.of("toy.peer.PeerModule", """
                package toy.peer;

                import dev.tern.hotload.api.ModuleContext;
                import dev.tern.hotload.api.ModuleEntry;
                import dev.tern.hotload.testapi.Route;

                public final class PeerModule implements ModuleEntry<Route> {
                    @Override
                    public void start(ModuleContext<Route> context) {
                        context.register(new Route("peer", request -> toy.peerlib.Helper.greet()));
                    }
                }
                """);
    }

    /**
     * Returns the sources of a module that starts one of everything: a server that spawns a child process from its
     * init, a plain process, a message timer, an action timer, a thread, an MBean and two routes.
     */
    public static Map<String, String> busy() {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("toy.busy.BusyModule", """
                package toy.busy;

                import dev.tern.hotload.api.ModuleContext;
                import dev.tern.hotload.api.ModuleEntry;
                import dev.tern.hotload.testapi.Route;
                import dev.tern.kernel.GenServer;
                import dev.tern.kernel.Kernel;
                import dev.tern.kernel.Pid;
                import java.time.Duration;
                import java.util.concurrent.locks.LockSupport;

                public final class BusyModule implements ModuleEntry<Route> {
                    public interface StatsMBean {
                        int getAnswer();
                    }

                    public static final class Stats implements StatsMBean {
                        @Override
                        public int getAnswer() {
                            return 42;
                        }
                    }

                    @Override
                    public void start(ModuleContext<Route> context) {
                        Kernel kernel = context.kernel();
                        Pid worker = context.startServer("worker", new Worker(), null);
                        context.spawn("loner", self -> {
                            while (true) {
                                self.receive();
                            }
                        });
                        context.sendInterval(Duration.ofMillis(5), worker, "tick");
                        context.every(Duration.ofHours(1), () -> { });
                        context.startThread("poller", () -> {
                            while (!Thread.currentThread().isInterrupted()) {
                                LockSupport.park();
                            }
                        });
                        context.registerMBean("stats", new Stats());
                        context.register(new Route("busy-a", request -> "a"));
                        context.register(new Route("busy-ticks", request -> GenServer.call(kernel, worker, "ticks")));
                    }
                }
                """);
        sources.put("toy.busy.Worker", """
                package toy.busy;

                import dev.tern.kernel.From;
                import dev.tern.kernel.GenServer;
                import dev.tern.kernel.Init;
                import dev.tern.kernel.ProcessContext;
                import dev.tern.kernel.Result;

                public final class Worker implements GenServer<Integer> {
                    @Override
                    public Init<Integer> init(ProcessContext self, Object args) {
                        self.kernel().spawn(child -> {
                            while (true) {
                                child.receive();
                            }
                        });
                        return Init.ok(0);
                    }

                    @Override
                    public Result<Integer> handleCall(Object request, From from, Integer ticks) {
                        return Result.reply(ticks, ticks);
                    }

                    @Override
                    public Result<Integer> handleInfo(Object message, Integer ticks) {
                        return Result.noReply(ticks + 1);
                    }
                }
                """);
        return sources;
    }

    /** Returns the source of a module whose start registers a route, starts a server and a process, then throws. */
    public static Map<String, String> broken() {
        return Map.of("toy.broken.BrokenModule", """
                package toy.broken;

                import dev.tern.hotload.api.ModuleContext;
                import dev.tern.hotload.api.ModuleEntry;
                import dev.tern.hotload.testapi.Route;
                import dev.tern.kernel.GenServer;
                import dev.tern.kernel.Init;
                import dev.tern.kernel.ProcessContext;

                public final class BrokenModule implements ModuleEntry<Route> {
                    static final class Idle implements GenServer<String> {
                        @Override
                        public Init<String> init(ProcessContext self, Object args) {
                            return Init.ok("idle");
                        }
                    }

                    @Override
                    public void start(ModuleContext<Route> context) {
                        context.register(new Route("broken", request -> "never"));
                        context.startServer("idle", new Idle(), null);
                        context.spawn("sleeper", self -> self.receive());
                        throw new IllegalStateException("start broken on purpose");
                    }
                }
                """);
    }

    /**
     * Returns the sources of a module that loads {@code ballastClasses} generated classes at start, and keeps a
     * migratable server "holder" counting the upgrades it went through, reachable by route
     * "ballast".
     */
    public static Map<String, String> ballast(int generation, int ballastClasses) {
        Map<String, String> sources = new LinkedHashMap<>();
        sources.put("toy.ballast.BallastModule", """
                package toy.ballast;

                import dev.tern.hotload.api.ModuleContext;
                import dev.tern.hotload.api.ModuleEntry;
                import dev.tern.hotload.testapi.Route;
                import dev.tern.kernel.GenServer;
                import dev.tern.kernel.Kernel;
                import dev.tern.kernel.Pid;

                public final class BallastModule implements ModuleEntry<Route> {
                    @Override
                    public void start(ModuleContext<Route> context) throws Exception {
                        for (int i = 0; i < %d; i++) {
                            Class.forName("toy.ballast.Ballast" + i);
                        }
                        Kernel kernel = context.kernel();
                        Pid holder = context.startServer("holder", new Holder(), null);
                        context.register(new Route("ballast", request -> GenServer.call(kernel, holder, request)));
                    }
                }
                """.formatted(ballastClasses));
        sources.put("toy.ballast.Holder", """
                package toy.ballast;

                import dev.tern.hotload.api.CodeChange;
                import dev.tern.hotload.api.MigratableServer;
                import dev.tern.kernel.From;
                import dev.tern.kernel.Init;
                import dev.tern.kernel.ProcessContext;
                import dev.tern.kernel.Result;
                import java.util.Map;

                public final class Holder implements MigratableServer<Holder.Upgrades> {
                    public record Upgrades(int count) {
                    }

                    @Override
                    public Init<Upgrades> init(ProcessContext self, Object args) {
                        return Init.ok(new Upgrades(0));
                    }

                    @Override
                    public Result<Upgrades> handleCall(Object request, From from, Upgrades state) {
                        return Result.reply("g%d:" + state.count(), state);
                    }

                    @Override
                    public Map<String, Object> exportState(Upgrades state) {
                        return Map.of("count", state.count());
                    }

                    @Override
                    public Upgrades importState(Map<String, Object> exported, CodeChange change) {
                        return new Upgrades((Integer) exported.get("count") + 1);
                    }
                }
                """.formatted(generation));
        for (int i = 0; i < ballastClasses; i++) {
            StringBuilder methods = new StringBuilder();
            for (int m = 0; m < 20; m++) {
                methods.append("    public static long m").append(m).append("(long x) { long y = x * ").append(31 + m)
                        .append(" + ").append(i).append("; return y ^ (y >>> ").append(m % 7 + 1)
                        .append(") + \"b").append(i).append('m').append(m).append("\".length(); }\n");
            }
            sources.put("toy.ballast.Ballast" + i, "package toy.ballast;\n\npublic final class Ballast" + i + " {\n"
                    + "    public static final String NAME = \"ballast-" + generation + "-" + i + "\";\n" + methods + "}\n");
        }
        return sources;
    }
}
