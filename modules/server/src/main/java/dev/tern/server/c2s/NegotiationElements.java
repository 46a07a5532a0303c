package dev.tern.server.c2s;

import dev.tern.server.auth.sasl.SaslStep;
import dev.tern.xmpp.api.Element;
import dev.tern.xmpp.api.Namespaces;
import dev.tern.xmpp.api.StanzaError;
import java.util.Base64;
import java.util.List;

/** Builds the elements of stream negotiation: features, STARTTLS and SASL replies, bind results. */
final class NegotiationElements {

    static final String CLOSE_TAG = "</stream:stream>";

    private NegotiationElements() {
    }

    /** Features before authentication: STARTTLS unless encrypted ({@code required} when mandatory), and the SASL mechanisms unless TLS must come first. */
    static Element preAuthFeatures(boolean encrypted, boolean tlsRequired, List<String> mechanisms) {
        Element.Builder features = Element.builder(Namespaces.STREAMS, "features");
        if (!encrypted) {
            Element.Builder starttls = Element.builder(Namespaces.TLS, "starttls");
            if (tlsRequired) {
                starttls.child(Element.of(Namespaces.TLS, "required"));
            }
            features.child(starttls.build());
        }
        // RFC 6120 section 5.3.1: with TLS mandatory, only STARTTLS is offered before TLS.
        if (encrypted || !tlsRequired) {
            Element.Builder list = Element.builder(Namespaces.SASL, "mechanisms");
            for (String mechanism : mechanisms) {
                list.child(Element.builder(Namespaces.SASL, "mechanism").text(mechanism).build());
            }
            features.child(list.build());
        }
        return features.build();
    }

    /** Features after authentication: resource binding, the optional legacy session (RFC 6121 appendix E), and module features. */
    static Element postAuthFeatures(List<Element> moduleFeatures) {
        Element.Builder features = Element.builder(Namespaces.STREAMS, "features")
                .child(Element.of(Namespaces.BIND, "bind"))
                .child(Element.builder(Namespaces.SESSION, "session")
                        .child(Element.of(Namespaces.SESSION, "optional"))
                        .build());
        moduleFeatures.forEach(features::child);
        return features.build();
    }

    static Element tlsProceed() {
        return Element.of(Namespaces.TLS, "proceed");
    }

    static Element tlsFailure() {
        return Element.of(Namespaces.TLS, "failure");
    }

    static Element saslChallenge(byte[] data) {
        return Element.builder(Namespaces.SASL, "challenge").text(base64(data)).build();
    }

    /** Returns {@code <success/>}, with the additional data in Base64, or empty when there is none (RFC 6120 section 6.4.6). */
    static Element saslSuccess(byte[] additionalData) {
        Element.Builder success = Element.builder(Namespaces.SASL, "success");
        if (additionalData != null && additionalData.length > 0) {
            success.text(base64(additionalData));
        }
        return success.build();
    }

    static Element saslFailure(SaslStep.Failure failure) {
        Element.Builder element = Element.builder(Namespaces.SASL, "failure")
                .child(Element.of(Namespaces.SASL, failure.condition().elementName()));
        if (failure.text() != null) {
            element.child(Element.builder(Namespaces.SASL, "text")
                    .attribute(Namespaces.XML, "lang", StanzaError.TEXT_LANGUAGE)
                    .text(failure.text())
                    .build());
        }
        return element.build();
    }

    static Element bindResult(String id, String fullJid) {
        return Element.builder(Namespaces.CLIENT, "iq")
                .attribute("type", "result")
                .attribute("id", id)
                .child(Element.builder(Namespaces.BIND, "bind")
                        .child(Element.builder(Namespaces.BIND, "jid").text(fullJid).build())
                        .build())
                .build();
    }

    static Element emptyResult(Element request) {
        return Element.builder(Namespaces.CLIENT, "iq")
                .attribute("type", "result")
                .attribute("id", request.attribute("id"))
                .build();
    }

    /**
     * Decodes the Base64 content of {@code <auth/>} or {@code <response/>}: empty for no data
     * and for the single {@code =} that RFC 6120 section 6.4.2 uses for an empty response.
     *
     * @throws IllegalArgumentException when the content is not valid Base64
     */
    static byte[] decodeSaslData(Element element) {
        String text = element.text().strip();
        if (text.isEmpty() || text.equals("=")) {
            return new byte[0];
        }
        return Base64.getDecoder().decode(text);
    }

    private static String base64(byte[] data) {
        return data.length == 0 ? "=" : Base64.getEncoder().encodeToString(data);
    }
}
