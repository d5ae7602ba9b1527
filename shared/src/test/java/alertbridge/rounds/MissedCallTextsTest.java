package alertbridge.rounds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MissedCallTextsTest {
    private static MissedCallTexts texts(Optional<String> callInNumber) {
        return new MissedCallTexts(null, (to, body) -> {
            throw new AssertionError("not sent here");
        }, callInNumber.map(n -> () -> n), Clock.systemUTC(), alertbridge.auth.IncidentLinks.Signer.none());
    }

    @Test
    void theTextSaysTheAlertAsASentenceAndHowToJoin() {
        assertEquals("alertbridge: you missed a call. Disk full on db-1. Call +15005550006 to join the bridge.",
                texts(Optional.of("+15005550006")).body("Disk full on db-1"));
        assertEquals("alertbridge: you missed a call. Is db-1 down? Call +15005550006 to join the bridge.",
                texts(Optional.of("+15005550006")).body(" Is db-1 down? "));
    }

    @Test
    void withoutDiallingInItIsTheAlertAlone() {
        assertEquals("alertbridge: you missed a call. Disk full.",
                texts(Optional.empty()).body("Disk full."));
    }

    @Test
    void aLinkToTheIncidentPageComesLastAndALongAlertIsCutBeforeIt() {
        String url = "https://x.example/Prod/ui/incidents/AbCdEfGhIjKlMnOpQrStUv#link=1764558000.AAAAAAAAAAAAAAAAAAAAAA";
        assertEquals("alertbridge: you missed a call. Disk full. Call +15005550006 to join the bridge. Live: " + url,
                texts(Optional.of("+15005550006")).body("Disk full", Optional.of(url)));
        String body = texts(Optional.empty()).body("x".repeat(300), Optional.of(url));
        assertEquals("alertbridge: you missed a call. " + "x".repeat(MissedCallTexts.SENTENCE_WITH_LINK - 1) + "… Live: " + url, body);
        assertEquals("alertbridge: you missed a call. " + "x".repeat(300) + ".", texts(Optional.empty()).body("x".repeat(300)),
                "without a link the whole alert is said, as before");
    }
}
