package alertbridge.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Twilio signs the exact URL it requests: these are the bytes our routes were always given. */
class CallbackUrlsTest {
    private static final CallbackUrls URLS = new CallbackUrls("https://api.example.test/Prod");

    @Test
    void eachRouteCarriesTheIncidentInItsQuery() {
        assertEquals("https://api.example.test/Prod/join_conference?incident=Ab9_-xYz0123456789abcd",
                URLS.joinConference("Ab9_-xYz0123456789abcd"));
        assertEquals("https://api.example.test/Prod/call_status?incident=Ab9_-xYz0123456789abcd",
                URLS.callStatus("Ab9_-xYz0123456789abcd"));
        assertEquals("https://api.example.test/Prod/conference_events?incident=Ab9_-xYz0123456789abcd",
                URLS.conferenceEvents("Ab9_-xYz0123456789abcd"));
    }

    @Test
    void aDialInsKeyPressCarriesWhatTheCallerWasOffered() {
        assertEquals("https://api.example.test/Prod/call_in?incidents=Ab9_-xYz0123456789abcd.BBBBBBBBBBBBBBBBBBBBBB.ask2",
                URLS.callIn("Ab9_-xYz0123456789abcd.BBBBBBBBBBBBBBBBBBBBBB.ask2"));
        assertEquals("https://api.example.test/Prod/call_in?incidents=a%2Cb", URLS.callIn("a,b"));
    }

    @Test
    void anIdFromARequestIsFormEncoded() {
        assertEquals("https://api.example.test/Prod/conference_events?incident=a+b%26c%3Dd%2F%C3%A9",
                URLS.conferenceEvents("a b&c=d/é"));
        assertEquals("https://api.example.test/Prod/conference_events?incident=", URLS.conferenceEvents(""));
    }

    @Test
    void aBaseIsRequired() {
        assertThrows(NullPointerException.class, () -> new CallbackUrls(null));
    }
}
