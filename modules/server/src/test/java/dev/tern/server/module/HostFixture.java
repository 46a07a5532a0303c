package dev.tern.server.module;

import dev.tern.kernel.Kernel;
import dev.tern.kernel.ManualClock;
import dev.tern.server.router.ModuleDispatch;
import dev.tern.server.storage.H2Database;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Jid;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.module.IqRequest;
import dev.tern.xmpp.api.module.IqTarget;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** A module host on a kernel with a manual clock, an H2 database in a temporary directory and a recording router. */
final class HostFixture implements AutoCloseable {

    static final String DOMAIN = "example.com";
    static final Jid ALICE = Jid.parse("alice@example.com/phone");

    final ManualClock clock = new ManualClock();
    final Kernel kernel = Kernel.builder().name("module-host-test").clock(clock).build();
    final H2Database database;
    final RecordingRouter router = new RecordingRouter();
    final ModuleHost host;
    private final AtomicLong ids = new AtomicLong();

    HostFixture(Path directory) {
        database = H2Database.open(directory);
        host = new ModuleHost(kernel, DOMAIN, database, new MapSessions(), router);
    }

    /** Builds an IQ request from Alice's phone to {@code to} with a {@code <query/>} payload in {@code namespace}. */
    IqRequest iq(String type, Jid to, String namespace) {
        Element payload = Element.of(namespace, "query");
        Element stanza = Element.builder(Namespaces.CLIENT, "iq")
                .attribute("type", type)
                .attribute("id", "iq-" + ids.incrementAndGet())
                .attribute("from", ALICE.toString())
                .attribute("to", to.toString())
                .child(payload)
                .build();
        return new IqRequest(stanza, ALICE, to, payload);
    }

    /** Dispatches {@code request} with the target the router would choose: the bare domain is the server, anything else an account. */
    ModuleDispatch.IqOutcome dispatch(IqRequest request) {
        IqTarget target = request.to().localpart() == null ? IqTarget.SERVER : IqTarget.ACCOUNT;
        return host.dispatchIq(target, request);
    }

    @Override
    public void close() {
        host.close();
        kernel.close();
        database.close();
    }
}
