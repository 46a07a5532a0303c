package dev.tern.xmpp.api;

/** A child of an {@link Element}: either an element or a run of character data. */
public sealed interface Node permits Element, Text {
}
