package dev.tern.kernel;

/**
 * The code of a plain process: it runs on a virtual thread of its own and may block in
 * {@link ProcessContext#receive}. Returning ends the process with reason {@code normal};
 * an exception ends it with a crash.
 */
@FunctionalInterface
public interface ProcessBody {

    void run(ProcessContext self) throws Exception;
}
