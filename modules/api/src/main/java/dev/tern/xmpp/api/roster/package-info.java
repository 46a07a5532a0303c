/**
 * The roster (RFC 6121 section 2) as other feature modules see it: the roster module provides a
 * {@link dev.tern.xmpp.api.roster.Roster} through {@code ModuleContext.provide}, and the presence
 * module finds it with {@code ModuleContext.lookup} to read subscribers and to move subscription
 * states through the transitions of RFC 6121 Appendix A.
 */
package dev.tern.xmpp.api.roster;
