package dev.tern.hotload.testapi;

import java.util.Objects;

/**
 * The test host's registration type: requests for {@code key} go to {@code handler}. Toy
 * modules see this package through the API module {@code tern.test}, as XMPP modules will see
 * {@code dev.tern.xmpp.api}.
 */
public record Route(String key, Handler handler) {

    public Route {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(handler, "handler");
    }

    @Override
    public String toString() {
        return "route '" + key + "'";
    }
}
