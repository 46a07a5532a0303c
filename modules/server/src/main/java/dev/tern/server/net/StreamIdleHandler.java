package dev.tern.server.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fires {@link ConnectionEvent.Idle} of kind {@code PING} once after the ping interval without a
 * read, and of kind {@code TIMEOUT} once after the idle timeout without a read. Every read counts,
 * whitespace keepalives included, because the handler sits before the decoder. Either duration
 * may be the longer one.
 *
 * <p>One handler with one scheduled task serves both kinds, instead of two Netty
 * {@code IdleStateHandler}s with a task each, because every idle session pays for them. A read
 * only stores its time. When the task runs, it fires what is due and schedules itself for the
 * next deadline counted from the last read. Once both kinds fired, no task is scheduled until the
 * next read. All methods run on the channel's event loop, and time is the event loop's ticker.
 */
final class StreamIdleHandler extends ChannelInboundHandlerAdapter implements Runnable {

    private static final ConnectionEvent.Idle PING = new ConnectionEvent.Idle(ConnectionEvent.IdleKind.PING);
    private static final ConnectionEvent.Idle TIMEOUT = new ConnectionEvent.Idle(ConnectionEvent.IdleKind.TIMEOUT);

    private final long pingNanos;
    private final long timeoutNanos;
    private ChannelHandlerContext context;
    private ScheduledFuture<?> task;
    private long lastReadNanos;
    private boolean pingFired;
    private boolean timeoutFired;
    /** Set once the channel closed or the handler was removed, so that nothing is scheduled again. */
    private boolean stopped;

    StreamIdleHandler(Duration pingInterval, Duration idleTimeout) {
        if (!pingInterval.isPositive() || !idleTimeout.isPositive()) {
            throw new IllegalArgumentException("The ping interval (" + pingInterval + ") and the idle timeout ("
                    + idleTimeout + ") must be positive; configure c2s.ping_interval and c2s.idle_timeout above 0");
        }
        this.pingNanos = pingInterval.toNanos();
        this.timeoutNanos = idleTimeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            start(ctx);
        }
    }

    @Override
    public void channelRegistered(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
        super.channelRegistered(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadNanos = ctx.executor().ticker().nanoTime();
        pingFired = false;
        timeoutFired = false;

        // A pending task sees the new read time when it runs. No task is pending only after both kinds fired.
        if (task == null && context != null && !stopped) {
            schedule(Math.min(pingNanos, timeoutNanos));
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    /** Fires the kinds that are due and schedules the next check. */
    @Override
    public void run() {
        task = null;
        if (stopped || !context.channel().isOpen()) {
            return;
        }

        long silentNanos = context.executor().ticker().nanoTime() - lastReadNanos;
        // The shorter duration fires first when both are due in the same run.
        if (pingNanos <= timeoutNanos) {
            firePingIfDue(silentNanos);
            fireTimeoutIfDue(silentNanos);
        } else {
            fireTimeoutIfDue(silentNanos);
            firePingIfDue(silentNanos);
        }

        long nextDeadline = Long.MAX_VALUE;
        if (!pingFired) {
            nextDeadline = pingNanos - silentNanos;
        }
        if (!timeoutFired) {
            nextDeadline = Math.min(nextDeadline, timeoutNanos - silentNanos);
        }
        if (nextDeadline != Long.MAX_VALUE && !stopped) {
            schedule(nextDeadline);
        }
    }

    private void start(ChannelHandlerContext ctx) {
        if (context != null || stopped) {
            return;
        }
        context = ctx;
        lastReadNanos = ctx.executor().ticker().nanoTime();
        schedule(Math.min(pingNanos, timeoutNanos));
    }

    private void stop() {
        stopped = true;
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void schedule(long delayNanos) {
        task = context.executor().schedule(this, Math.max(delayNanos, 0), TimeUnit.NANOSECONDS);
    }

    private void firePingIfDue(long silentNanos) {
        if (!pingFired && silentNanos >= pingNanos) {
            pingFired = true;
            context.fireUserEventTriggered(PING);
        }
    }

    private void fireTimeoutIfDue(long silentNanos) {
        if (!timeoutFired && silentNanos >= timeoutNanos) {
            timeoutFired = true;
            context.fireUserEventTriggered(TIMEOUT);
        }
    }
}
