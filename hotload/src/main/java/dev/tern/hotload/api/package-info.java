/**
 * What a hot-swappable module compiles against, together with the kernel's
 * {@code dev.tern.kernel} package. The host exports this package to every module through an
 * API module; the rest of {@code dev.tern.hotload} stays invisible to module code.
 */
package dev.tern.hotload.api;
