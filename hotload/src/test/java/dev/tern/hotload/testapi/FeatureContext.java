package dev.tern.hotload.testapi;

/** The host's own context for {@link Feature}s, which the host builds over hotload's generic one. */
public interface FeatureContext {

    /** Sends requests for {@code key} to {@code handler}. */
    void route(String key, Handler handler);

    String version();
}
