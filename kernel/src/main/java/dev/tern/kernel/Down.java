package dev.tern.kernel;

/**
 * The message a monitoring process receives when the monitored process ends, like Erlang's
 * {@code {'DOWN', Ref, process, Pid, Reason}}.
 */
public record Down(MonitorRef ref, Pid pid, ExitReason reason) {
}
