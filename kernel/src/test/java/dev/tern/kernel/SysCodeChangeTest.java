package dev.tern.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * OTP's sys:change_code on a suspended GenServer, with the new version compiled at test time
 * and loaded by its own class loader, as a hot-loaded module would be.
 */
@Timeout(60)
class SysCodeChangeTest {

    /** Version 2: prefixes what it handles with "v2:" and converts version 1's list by appending a note. */
    private static final String VERSION_2 = """
            package upgrade;

            import dev.tern.kernel.From;
            import dev.tern.kernel.GenServer;
            import dev.tern.kernel.Init;
            import dev.tern.kernel.ProcessContext;
            import dev.tern.kernel.Result;
            import java.util.ArrayList;
            import java.util.List;

            public final class LogServerV2 implements GenServer<List<String>> {
                @Override
                public Init<List<String>> init(ProcessContext self, Object args) {
                    return Init.ok(new ArrayList<>());
                }

                @Override
                public Result<List<String>> handleCall(Object request, From from, List<String> state) throws Exception {
                    if (request.equals("log")) {
                        return Result.reply(List.copyOf(state), state);
                    }
                    if (request.equals("version")) {
                        state.add("v2:version");
                        return Result.reply(2, state);
                    }
                    return GenServer.super.handleCall(request, from, state);
                }

                @Override
                public Result<List<String>> handleCast(Object message, List<String> state) {
                    state.add("v2:" + message);
                    return Result.noReply(state);
                }

                @Override
                @SuppressWarnings("unchecked")
                public List<String> codeChange(Object oldVersion, Object oldState, Object extra) {
                    List<String> converted = new ArrayList<>((List<String>) oldState);
                    converted.add("upgraded from " + oldVersion + " with " + extra);
                    return converted;
                }
            }
            """;

    /** Version 1, loaded by the test's own class loader. */
    static class LogServerV1 implements GenServer<List<String>> {
        @Override
        public Init<List<String>> init(ProcessContext self, Object args) {
            return Init.ok(new ArrayList<>());
        }

        @Override
        public Result<List<String>> handleCall(Object request, From from, List<String> state) throws Exception {
            if (request.equals("log")) {
                return Result.reply(List.copyOf(state), state);
            }
            if (request.equals("version")) {
                state.add("v1:version");
                return Result.reply(1, state);
            }
            return GenServer.super.handleCall(request, from, state);
        }

        @Override
        public Result<List<String>> handleCast(Object message, List<String> state) {
            state.add("v1:" + message);
            return Result.noReply(state);
        }
    }

    /** A version whose state conversion fails. */
    static final class RejectingUpgrade extends LogServerV1 {
        @Override
        public List<String> codeChange(Object oldVersion, Object oldState, Object extra) {
            throw new IllegalStateException("cannot convert state " + oldState);
        }
    }

    @TempDir
    Path workDir;

    private final Kernel kernel = Kernel.builder().name("code-change-test").build();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private URLClassLoader loader;

    @AfterEach
    void closeKernel() throws Exception {
        kernel.close();
        if (loader != null) {
            loader.close();
        }
    }

    private ProcessInfo info(Pid pid) {
        return kernel.info(pid).orElseThrow();
    }

    @Test
    void changeCodeKeepsQueuedMessagesAndSwitchesVersion() throws Exception {
        GenServer<?> version2 = compileAndLoad("upgrade.LogServerV2", VERSION_2);
        assertThat(version2.getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
        Pid server = GenServer.start(kernel, new LogServerV1(), null);
        GenServer.cast(kernel, server, "a");

        Sys.suspend(kernel, server);
        GenServer.cast(kernel, server, "b");
        kernel.spawn(self -> events.put(Optional.ofNullable(GenServer.call(kernel, server, "version"))));
        Await.until("the call is queued behind b", () -> info(server).mailboxLength() == 2);
        GenServer.cast(kernel, server, "c");
        Sys.changeCode(kernel, server, version2, 1, "extra");

        assertThat(Sys.getState(kernel, server)).as("converted, with the queue not yet handled")
                .isEqualTo(List.of("v1:a", "upgraded from 1 with extra"));
        assertThat(info(server).behaviour()).isEqualTo("upgrade.LogServerV2");
        assertThat(info(server).mailboxLength()).isEqualTo(3);
        assertThat(events).isEmpty();

        Sys.resume(kernel, server);

        assertThat(Await.take(events)).isEqualTo(Optional.of(2));
        assertThat(GenServer.call(kernel, server, "log"))
                .isEqualTo(List.of("v1:a", "upgraded from 1 with extra", "v2:b", "v2:version", "v2:c"));
    }

    @Test
    void failingCodeChangeKeepsOldVersionAndState() throws Exception {
        Pid server = GenServer.start(kernel, new LogServerV1(), null);
        GenServer.cast(kernel, server, "a");
        Sys.suspend(kernel, server);
        GenServer.cast(kernel, server, "b");

        Sys.SysException failure = catchThrowableOfType(Sys.SysException.class,
                () -> Sys.changeCode(kernel, server, new RejectingUpgrade(), 1, null));

        assertThat(failure).hasMessageContaining("cannot convert state [v1:a]");
        assertThat(failure.getCause()).isInstanceOf(IllegalStateException.class);
        assertThat(Sys.getState(kernel, server)).isEqualTo(List.of("v1:a"));
        assertThat(info(server).behaviour()).isEqualTo(LogServerV1.class.getName());
        assertThat(info(server).status()).isEqualTo(ProcessInfo.Status.SUSPENDED);

        Sys.resume(kernel, server);

        assertThat(GenServer.call(kernel, server, "version")).isEqualTo(1);
        assertThat(GenServer.call(kernel, server, "log")).isEqualTo(List.of("v1:a", "v1:b", "v1:version"));
    }

    @Test
    void changeCodeWithoutSuspendIsRefused() throws Exception {
        Pid server = GenServer.start(kernel, new LogServerV1(), null);
        GenServer.cast(kernel, server, "a");

        Sys.SysException failure = catchThrowableOfType(Sys.SysException.class,
                () -> Sys.changeCode(kernel, server, new RejectingUpgrade(), 1, null));

        assertThat(failure).hasMessageContaining("must be suspended");
        assertThat(info(server).behaviour()).isEqualTo(LogServerV1.class.getName());
        assertThat(GenServer.call(kernel, server, "log")).isEqualTo(List.of("v1:a"));
    }

    @Test
    void changeCodeToNonGenServerIsRefused() throws Exception {
        Pid server = GenServer.start(kernel, new LogServerV1(), null);
        Sys.suspend(kernel, server);

        Sys.SysException failure = catchThrowableOfType(Sys.SysException.class,
                () -> Sys.changeCode(kernel, server, "not callbacks", 1, null));

        assertThat(failure).hasMessageContaining("needs a GenServer").hasMessageContaining("java.lang.String");
        assertThat(info(server).behaviour()).isEqualTo(LogServerV1.class.getName());
    }

    /** Compiles {@code source} against the kernel's classes and loads it in a fresh class loader. */
    private GenServer<?> compileAndLoad(String className, String source) throws Exception {
        Path sourceFile = workDir.resolve("src").resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(sourceFile.getParent());
        Files.writeString(sourceFile, source);
        Path classes = Files.createDirectories(workDir.resolve("classes"));
        Path kernelClasses = Path.of(GenServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = compiler.run(null, diagnostics, diagnostics, "-proc:none", "-classpath", kernelClasses.toString(),
                "-d", classes.toString(), sourceFile.toString());
        assertThat(status).as("javac output: %s", diagnostics).isZero();

        loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        return (GenServer<?>) loader.loadClass(className).getDeclaredConstructor().newInstance();
    }
}
