package dev.tern.server.module;

import dev.tern.hotload.api.CodeChange;
import dev.tern.kernel.Exit;
import dev.tern.kernel.ExitReason;
import dev.tern.kernel.From;
import dev.tern.kernel.GenServer;
import dev.tern.kernel.Init;
import dev.tern.kernel.ProcessContext;
import dev.tern.kernel.Result;
import dev.tern.xmpp.api.module.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a module's {@link Service} as a kernel {@link GenServer}: calls go to
 * {@link Service#handleCall}, casts and other messages to {@link Service#handleMessage}, and a
 * code change to the new version's {@link Service#codeChange}. An exception from the service
 * crashes the process, and its supervisor restarts it with {@link Service#init}, as in OTP.
 */
final class ServiceAdapter implements GenServer<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceAdapter.class);

    private final Service<Object> service;
    private final String description;

    @SuppressWarnings("unchecked")
    ServiceAdapter(Service<?> service, String moduleName, String serviceName) {
        this.service = (Service<Object>) service;
        this.description = "service '" + serviceName + "' of module '" + moduleName + "'";
    }

    @Override
    public Init<Object> init(ProcessContext self, Object args) throws Exception {
        // Trapping exits lets the supervisor's shutdown run terminate, as OTP workers that clean up do.
        self.trapExit(true);
        return Init.ok(service.init(args));
    }

    @Override
    public Result<Object> handleCall(Object request, From from, Object state) throws Exception {
        Service.Reply<Object> reply = service.handleCall(request, state);
        return Result.reply(reply.reply(), reply.state());
    }

    @Override
    public Result<Object> handleCast(Object message, Object state) throws Exception {
        return Result.noReply(service.handleMessage(message, state));
    }

    @Override
    public Result<Object> handleInfo(Object message, Object state) throws Exception {
        if (message instanceof Exit exit) {
            // Only the supervisor links to a service, and the kernel turns its exit into a stop.
            LOG.debug("Ignored exit signal '{}' from '{}' in {}", exit.reason(), exit.from(), description);
            return Result.noReply(state);
        }
        return Result.noReply(service.handleMessage(message, state));
    }

    @Override
    public void terminate(ExitReason reason, Object state) {
        service.terminate(state);
    }

    /**
     * Converts the state with the new version's {@link Service#codeChange}. When hotload undoes a
     * failed upgrade, the old code gets back the exact state it had, unconverted.
     */
    @Override
    public Object codeChange(Object oldVersion, Object oldState, Object extra) throws Exception {
        if (extra instanceof CodeChange change && change.isRollback()) {
            return change.restoredState();
        }
        return service.codeChange(String.valueOf(oldVersion), oldState);
    }

    @Override
    public String toString() {
        return description;
    }
}
