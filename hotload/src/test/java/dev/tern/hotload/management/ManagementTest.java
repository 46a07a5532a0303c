package dev.tern.hotload.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tern.hotload.support.Harness;
import dev.tern.hotload.support.ToyRepository;
import dev.tern.hotload.support.Toys;
import dev.tern.hotload.support.Toys.CounterFault;
import dev.tern.kernel.Down;
import dev.tern.kernel.ExitReason;
import dev.tern.kernel.Pid;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import org.jolokia.json.parser.JSONParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagementTest {

    private static final String USER = "admin";
    private static final String PASSWORD = "correct horse battery staple";
    private static final ScramCredential CREDENTIAL = ScramCredential.derive(PASSWORD.toCharArray(),
            ScramCredential.MIN_ITERATIONS);

    @TempDir
    static Path directory;

    private static ToyRepository repository;

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Harness harness;
    private ManagementPlane plane;
    private JolokiaEndpoint endpoint;

    @BeforeAll
    static void buildModules() throws IOException {
        repository = new ToyRepository(directory);
        repository.add("counter", "1.0.0", "toy.counter.CounterModule", Toys.counter(1, CounterFault.NONE), "");
        repository.add("counter", "2.0.0", "toy.counter.CounterModule", Toys.counter(2, CounterFault.NONE), "");
        repository.add("counter", "3.0.0", "toy.counter.CounterModule", Toys.counter(2, CounterFault.START), "");
    }

    @BeforeEach
    void setUp() throws Exception {
        harness = Harness.create(repository, builder -> { });
        plane = ManagementPlane.register(harness.manager, server);
        endpoint = JolokiaEndpoint.start(JolokiaSettings.loopback(0, USER, CREDENTIAL));
        server.invoke(ManagementPlane.MODULES, "install", new Object[] {"counter/1.0.0"}, new String[] {String.class.getName()});
        server.invoke(ManagementPlane.MODULES, "start", new Object[] {"counter"}, new String[] {String.class.getName()});
    }

    @AfterEach
    void tearDown() {
        endpoint.close();
        plane.close();
        harness.close();
    }

    private Object upgradeOverJmx(String version) throws Exception {
        return server.invoke(ManagementPlane.MODULES, "upgrade", new Object[] {"counter", version},
                new String[] {String.class.getName(), String.class.getName()});
    }

    private HttpResponse<String> post(String json, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.url())
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (password != null) {
            String token = Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> response) throws Exception {
        return (Map<String, Object>) new JSONParser().parse(response.body());
    }

    private static int status(Map<String, Object> reply) {
        return ((Number) reply.get("status")).intValue();
    }

    @Test
    void moduleBeanShowsItsAttributes() throws Exception {
        var name = ManagementPlane.moduleName("counter");

        assertThat(server.getAttribute(name, "Version")).isEqualTo("1.0.0");
        assertThat(server.getAttribute(name, "State")).isEqualTo("RUNNING");
        assertThat((String[]) server.getAttribute(name, "Registrations")).containsExactly("route 'counter'", "route 'audit'");
        assertThat((String[]) server.getAttribute(name, "Processes")).hasSize(3);
        assertThat(server.getAttribute(name, "LastError")).isNull();
        assertThat((String) server.getAttribute(name, "StartedAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void processesBeanListsKernelProcesses() throws Exception {
        CompositeData[] processes = (CompositeData[]) server.invoke(ManagementPlane.PROCESSES, "list", null, null);
        CompositeData counter = Arrays.stream(processes)
                .filter(process -> "toy.counter.CounterServer".equals(process.get("behaviour")))
                .findFirst().orElseThrow();

        assertThat(counter.get("module")).isEqualTo("counter");
        assertThat(counter.get("status")).isIn("WAITING", "RUNNING");
        CompositeData info = (CompositeData) server.invoke(ManagementPlane.PROCESSES, "info",
                new Object[] {counter.get("serial")}, new String[] {long.class.getName()});
        assertThat(info.get("pid")).isEqualTo(counter.get("pid"));
        assertThat((String) info.get("parent")).as("the module's supervisor").isNotNull();
        assertThat(server.getAttribute(ManagementPlane.PROCESSES, "Count")).isEqualTo(harness.kernel.processCount());
    }

    @Test
    void upgradeThroughPlatformMBeanServer() throws Exception {
        CompositeData upgraded = (CompositeData) upgradeOverJmx("2.0.0");

        assertThat(upgraded.get("version")).isEqualTo("2.0.0");
        assertThat(upgraded.get("state")).isEqualTo("RUNNING");
        assertThat((String[]) upgraded.get("previousVersions")).containsExactly("1.0.0");
        assertThat(harness.host.dispatch("counter", 1)).isEqualTo("route-2.0.0|v2:1");

        ModulesMXBean modules = JMX.newMXBeanProxy(server, ManagementPlane.MODULES, ModulesMXBean.class);
        assertThat(modules.rollback("counter").version()).isEqualTo("1.0.0");
        assertThat(harness.host.dispatch("counter", 2)).isEqualTo("route-1.0.0|v1:2");
    }

    @Test
    void failedUpgradeThroughJmxSaysWhy() {
        assertThatThrownBy(() -> upgradeOverJmx("3.0.0"))
                .isInstanceOf(RuntimeMBeanException.class)
                .cause()
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start broken on purpose")
                .hasMessageContaining("Version 1.0.0 keeps running");
    }

    @Test
    void upgradeThroughJolokia() throws Exception {
        HttpResponse<String> response = post("""
                {"type":"exec","mbean":"tern:type=Modules","operation":"upgrade","arguments":["counter","2.0.0"]}
                """, PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Object> reply = json(response);
        assertThat(status(reply)).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) reply.get("value");
        assertThat(value).containsEntry("name", "counter").containsEntry("version", "2.0.0").containsEntry("state", "RUNNING");
        assertThat(harness.host.dispatch("counter", 1)).isEqualTo("route-2.0.0|v2:1");

        Map<String, Object> read = json(post("""
                {"type":"read","mbean":"tern:name=counter,type=Module","attribute":"Version"}
                """, PASSWORD));
        assertThat(status(read)).isEqualTo(200);
        assertThat(read.get("value")).isEqualTo("2.0.0");
    }

    @Test
    void failedUpgradeThroughJolokiaSaysWhy() throws Exception {
        Map<String, Object> reply = json(post("""
                {"type":"exec","mbean":"tern:type=Modules","operation":"upgrade","arguments":["counter","3.0.0"]}
                """, PASSWORD));

        assertThat(status(reply)).isEqualTo(500);
        assertThat((String) reply.get("error")).contains("start broken on purpose").contains("Version 1.0.0 keeps running");
        assertThat(server.getAttribute(ManagementPlane.moduleName("counter"), "Version")).isEqualTo("1.0.0");
    }

    @Test
    void requestWithoutPasswordGets401() throws Exception {
        String upgrade = """
                {"type":"exec","mbean":"tern:type=Modules","operation":"upgrade","arguments":["counter","2.0.0"]}
                """;

        HttpResponse<String> anonymous = post(upgrade, null);
        HttpResponse<String> wrongPassword = post(upgrade, "guess");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic realm=\"tern\""));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(harness.manager.info("counter").orElseThrow().version()).isEqualTo("1.0.0");
    }

    @Test
    void endpointBindsLoopbackByDefault() {
        assertThat(endpoint.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(endpoint.port()).isPositive();
        assertThat(endpoint.url()).isEqualTo(URI.create("http://127.0.0.1:" + endpoint.port() + "/jolokia/"));
    }

    @Test
    void availableListsRepositoryVersionsInOrder() throws Exception {
        ModulesMXBean modules = JMX.newMXBeanProxy(server, ManagementPlane.MODULES, ModulesMXBean.class);

        assertThat(modules.available()).containsExactly("counter/1.0.0", "counter/2.0.0", "counter/3.0.0");
    }

    @Test
    void killSendsExitSignal() throws Exception {
        CompletableFuture<Object> down = new CompletableFuture<>();
        Pid target = harness.kernel.spawn(self -> self.receive());
        harness.kernel.spawn(self -> {
            self.monitor(target);
            down.complete(self.receive(Down.class, null).reason());
        });
        ProcessesMXBean processes = JMX.newMXBeanProxy(server, ManagementPlane.PROCESSES, ProcessesMXBean.class);

        processes.kill(target.serial(), "kill");

        assertThat(down.get(10, TimeUnit.SECONDS)).isEqualTo(ExitReason.KILLED);
        assertThatThrownBy(() -> processes.kill(target.serial(), "kill"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No live process has serial number " + target.serial() + "; list shows the live ones");
    }
}
