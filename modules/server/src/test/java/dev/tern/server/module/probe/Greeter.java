package dev.tern.server.module.probe;

/** An API that one toy module provides and others look up. */
@FunctionalInterface
public interface Greeter {

    /** Returns a greeting for {@code name} that names the version of the module that provided it. */
    String greet(String name);
}
