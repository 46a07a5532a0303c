package dev.tern.kernel;

/**
 * Identifies one process of a {@link Kernel}. Prints as {@code <0.ID.0>} like an Erlang pid,
 * compares and hashes by its serial number, and stays valid after the process ends: sending
 * to the pid of a dead process is a silent no-op, as in Erlang.
 */
public final class Pid implements Comparable<Pid> {

    private final long serial;

    /** The process this pid names; cleared of its heavy state when the process ends. */
    final ProcessCell cell;

    Pid(long serial, ProcessCell cell) {
        this.serial = serial;
        this.cell = cell;
    }

    /** Returns the serial number, unique within one kernel for its lifetime. */
    public long serial() {
        return serial;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Pid pid && pid.serial == serial && pid.cell.kernel == cell.kernel;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(serial);
    }

    @Override
    public int compareTo(Pid other) {
        return Long.compare(serial, other.serial);
    }

    @Override
    public String toString() {
        return "<0." + serial + ".0>";
    }
}
