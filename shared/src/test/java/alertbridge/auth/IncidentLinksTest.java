package alertbridge.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.refusal.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncidentLinksTest {
    private static final String ID = "AbCdEfGhIjKlMnOpQrStUv";
    private static final String OTHER = "ZZCdEfGhIjKlMnOpQrStUv";
    private static final Instant T0 = Instant.parse("2026-11-30T03:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);

    private static IncidentLinks links(String secrets, Instant now) {
        return IncidentLinks.parse(secrets, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String refusal(Runnable r) {
        return assertThrows(Refusal.class, r::run).code();
    }

    @Test
    void aLinkOpensItsIncidentUntilItExpires() {
        String link = links("s3cret", T0).sign(ID, DAY);
        assertEquals(T0.plus(DAY).getEpochSecond() + ".", link.substring(0, link.indexOf('.') + 1));
        assertEquals(22, link.substring(link.indexOf('.') + 1).length(), "16 bytes of HMAC, base64url");
        links("s3cret", T0.plus(DAY).minusSeconds(1)).authorise(link, ID);
        assertEquals("link_expired", refusal(() -> links("s3cret", T0.plus(DAY)).authorise(link, ID)));
    }

    @Test
    void aLinkIsForOneIncidentOneSecretAndCannotBeAltered() {
        IncidentLinks links = links("s3cret", T0);
        String link = links.sign(ID, DAY);
        assertEquals("link_invalid", refusal(() -> links.authorise(link, OTHER)));
        assertEquals("link_invalid", refusal(() -> links("another", T0).authorise(link, ID)));
        // a later expiry with the same tag, and a tag with one character changed
        long expiry = Long.parseLong(link.substring(0, link.indexOf('.')));
        String tag = link.substring(link.indexOf('.') + 1);
        assertEquals("link_invalid", refusal(() -> links.authorise((expiry + 3600) + "." + tag, ID)));
        String altered = expiry + "." + (tag.charAt(0) == 'A' ? 'B' : 'A') + tag.substring(1);
        assertEquals("link_invalid", refusal(() -> links.authorise(altered, ID)));
    }

    @Test
    void malformedLinksAreRefusedNotFailed() {
        IncidentLinks links = links("s3cret", T0);
        for (String bad : new String[] {"", "nodot", ".", "123.", "abc.def", "123.!!!!", "123.AAAA", null}) {
            assertEquals("link_invalid", refusal(() -> links.authorise(bad, ID)), String.valueOf(bad));
        }
        String link = links.sign(ID, DAY);
        assertEquals("link_invalid", refusal(() -> links.authorise(link, "../incidents")));
        assertEquals("link_invalid", refusal(() -> links("", T0).authorise(link, ID)));
    }

    @Test
    void theFirstSecretSignsEveryOneVerifiesSoItRotates() {
        String oldLink = links("old", T0).sign(ID, DAY);
        IncidentLinks rotated = links("new, old", T0);
        rotated.authorise(oldLink, ID);
        String newLink = rotated.sign(ID, DAY);
        assertNotEquals(oldLink, newLink);
        links("new", T0).authorise(newLink, ID);
        assertEquals("link_invalid", refusal(() -> links("new", T0).authorise(oldLink, ID)));
    }

    @Test
    void theSignerMakesALinkOnlyWithAUrlALifetimeAndASecret() {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        IncidentLinks.Signer signer = new IncidentLinks.Signer(Optional.of("https://x.example/Prod"), DAY, () -> Optional.of("s3cret"), clock);
        String url = signer.link(ID).orElseThrow();
        assertTrue(url.startsWith("https://x.example/Prod/ui/incidents/" + ID + "#link="), url);
        links("s3cret", T0).authorise(url.substring(url.indexOf("#link=") + 6), ID);

        assertEquals(Optional.empty(), new IncidentLinks.Signer(Optional.empty(), DAY, () -> Optional.of("s"), clock).link(ID));
        assertEquals(Optional.empty(), new IncidentLinks.Signer(Optional.of("https://x"), Duration.ZERO, () -> Optional.of("s"), clock).link(ID));
        assertEquals(Optional.empty(), new IncidentLinks.Signer(Optional.of("https://x"), DAY, Optional::empty, clock).link(ID));
        assertEquals(Optional.empty(), new IncidentLinks.Signer(Optional.of("https://x"), DAY, () -> {
            throw new IllegalStateException("SSM down");
        }, clock).link(ID), "a text still goes out without the link");
        assertEquals(Optional.empty(), IncidentLinks.Signer.none().link(ID));
    }
}
