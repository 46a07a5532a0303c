package dev.tern.hotload;

import dev.tern.kernel.ExitReason;
import dev.tern.kernel.From;
import dev.tern.kernel.GenServer;
import dev.tern.kernel.Init;
import dev.tern.kernel.ProcessContext;
import dev.tern.kernel.Result;

/**
 * The first of two code changes that undo a server's upgrade. The kernel always passes the
 * current state to {@code codeChange}, so this one replaces the new version's state with the
 * saved old state; the second change then installs the old callbacks, whose default
 * {@code codeChange} keeps that state as it is. Should the second change fail, this object
 * keeps serving with the old callbacks' code.
 */
final class RestoringServer implements GenServer<Object> {

    private final GenServer<Object> delegate;
    private final Object savedState;

    @SuppressWarnings("unchecked")
    RestoringServer(GenServer<?> delegate, Object savedState) {
        this.delegate = (GenServer<Object>) delegate;
        this.savedState = savedState;
    }

    @Override
    public Init<Object> init(ProcessContext self, Object args) throws Exception {
        return delegate.init(self, args);
    }

    @Override
    public Result<Object> handleCall(Object request, From from, Object state) throws Exception {
        return delegate.handleCall(request, from, state);
    }

    @Override
    public Result<Object> handleCast(Object message, Object state) throws Exception {
        return delegate.handleCast(message, state);
    }

    @Override
    public Result<Object> handleInfo(Object message, Object state) throws Exception {
        return delegate.handleInfo(message, state);
    }

    @Override
    public void terminate(ExitReason reason, Object state) {
        delegate.terminate(reason, state);
    }

    @Override
    public Object codeChange(Object oldVersion, Object oldState, Object extra) {
        return savedState;
    }
}
