package dev.tern.hotload.api;

/** A registration handed to the host through {@link ModuleContext#register}. */
public interface Registration {

    /** Withdraws the registration before the module stops; harmless when already withdrawn. */
    void remove();
}
