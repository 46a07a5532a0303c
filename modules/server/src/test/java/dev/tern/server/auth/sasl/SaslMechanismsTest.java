package dev.tern.server.auth.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.tern.server.auth.sasl.SaslStep.Failure;

class SaslMechanismsTest {

    private final SaslMechanisms mechanisms = new SaslMechanisms(new FixedCredentials(), "example.com");

    @Test
    void plainAdvertisedOnlyWhenEncrypted() {
        assertThat(mechanisms.advertised(true)).containsExactly("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");
        assertThat(mechanisms.advertised(false)).containsExactly("SCRAM-SHA-256", "SCRAM-SHA-1");
    }

    @Test
    void createsEachAdvertisedMechanism() {
        for (String name : mechanisms.advertised(true)) {
            assertThat(mechanisms.create(name, true).name()).isEqualTo(name);
        }
        assertThat(mechanisms.create("SCRAM-SHA-1", false)).isInstanceOf(ScramMechanism.class);
        assertThat(mechanisms.create("PLAIN", true)).isInstanceOf(PlainMechanism.class);
    }

    @Test
    void plainWithoutTlsRequiresEncryption() {
        SaslStep step = mechanisms.create("PLAIN", false).evaluate(new byte[0]);

        assertThat(step).isInstanceOf(Failure.class);
        assertThat(((Failure) step).condition()).isEqualTo(SaslCondition.ENCRYPTION_REQUIRED);
    }

    @Test
    void unknownMechanismInvalid() {
        for (String name : new String[] {"SCRAM-SHA-1-PLUS", "DIGEST-MD5", "plain", ""}) {
            SaslStep step = mechanisms.create(name, true).evaluate(new byte[0]);

            assertThat(step).as(name).isInstanceOf(Failure.class);
            assertThat(((Failure) step).condition()).as(name).isEqualTo(SaslCondition.INVALID_MECHANISM);
        }
    }

    @Test
    void randomServerNoncesDiffer() {
        SaslMechanism first = mechanisms.create("SCRAM-SHA-256", true);
        SaslMechanism second = mechanisms.create("SCRAM-SHA-256", true);

        String firstChallenge = ScramMechanismTest.text(((SaslStep.Challenge) first.evaluate(
                ScramMechanismTest.utf8("n,,n=user,r=abc"))).data());
        String secondChallenge = ScramMechanismTest.text(((SaslStep.Challenge) second.evaluate(
                ScramMechanismTest.utf8("n,,n=user,r=abc"))).data());

        assertThat(firstChallenge).startsWith("r=abc").matches("r=abc[A-Za-z0-9+/=]{24},s=.*");
        assertThat(firstChallenge).isNotEqualTo(secondChallenge);
    }
}
