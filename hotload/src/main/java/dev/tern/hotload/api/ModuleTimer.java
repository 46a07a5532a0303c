package dev.tern.hotload.api;

/** A pending one-shot or periodic timer of a module. */
public interface ModuleTimer {

    /** Stops the timer; returns false when it had already fired (one-shot) or been cancelled. */
    boolean cancel();
}
