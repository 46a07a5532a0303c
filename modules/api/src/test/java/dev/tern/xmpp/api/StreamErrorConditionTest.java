package dev.tern.xmpp.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StreamErrorConditionTest {

    @Test
    void enumListsEveryRfcCondition() {
        assertThat(Arrays.stream(StreamErrorCondition.values()).map(StreamErrorCondition::elementName))
                .containsExactly(
                        "bad-format", "bad-namespace-prefix", "conflict", "connection-timeout", "host-gone",
                        "host-unknown", "improper-addressing", "internal-server-error", "invalid-from",
                        "invalid-namespace", "invalid-xml", "not-authorized", "not-well-formed", "policy-violation",
                        "remote-connection-failed", "reset", "resource-constraint", "restricted-xml",
                        "see-other-host", "system-shutdown", "undefined-condition", "unsupported-encoding",
                        "unsupported-feature", "unsupported-stanza-type", "unsupported-version");
    }

    @Test
    void toElementWritesConditionAndText() {
        Element error = StreamErrorCondition.RESTRICTED_XML.toElement("Comments are not allowed");

        assertThat(error.toXml(Namespaces.CLIENT)).isEqualTo(
                "<stream:error><restricted-xml xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>"
                        + "<text xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\" xml:lang=\"en\">"
                        + "Comments are not allowed</text></stream:error>");
    }

    @Test
    void seeOtherHostCarriesHost() {
        Element error = StreamErrorCondition.SEE_OTHER_HOST.toElement(null, "[2001:db8::1]:5222");

        assertThat(error.child(Namespaces.STREAM_ERRORS, "see-other-host").text()).isEqualTo("[2001:db8::1]:5222");
        assertThat(error.child(Namespaces.STREAM_ERRORS, "text")).isNull();
        assertThat(StreamErrorCondition.fromElementName("see-other-host")).isEqualTo(StreamErrorCondition.SEE_OTHER_HOST);
    }
}
