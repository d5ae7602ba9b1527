package alertbridge.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallFanOutTest {
    private static final CallbackUrls URLS = new CallbackUrls("https://api.example.test/Prod");
    private static final Dialer NEVER = request -> {
        throw new AssertionError("not dialled here");
    };

    @Test
    void everyCallOfAnIncidentCarriesTheAlertInlineRenderedOnce() {
        List<String> rendered = new ArrayList<>();
        CallFanOut fanOut = new CallFanOut(NEVER, (message, answerUrl) -> {
            rendered.add(message + " @ " + answerUrl);
            return Optional.of("<Response>" + message + "</Response>");
        });
        List<DialRequest> requests = fanOut.requests(List.of("+818012345601", "+818012345602"), "abc", "Disk full", URLS);
        assertEquals(List.of("Disk full @ https://api.example.test/Prod/join_conference?incident=abc"), rendered);
        for (DialRequest r : requests) {
            assertEquals("https://api.example.test/Prod/join_conference?incident=abc", r.answerUrl());
            assertEquals(Optional.of("https://api.example.test/Prod/call_status?incident=abc"), r.statusCallbackUrl());
            assertEquals(Optional.of("<Response>Disk full</Response>"), r.answerTwiml());
        }
        assertEquals(List.of("+818012345601", "+818012345602"), requests.stream().map(DialRequest::to).toList());
    }

    @Test
    void withoutAPickUpTwilioFetchesTheAnswerUrl() {
        List<DialRequest> requests = new CallFanOut(NEVER, alertbridge.calls.PickUp.FETCH).requests(List.of("+818012345601"), "abc", "Disk full", URLS);
        assertEquals(new DialRequest("+818012345601", "https://api.example.test/Prod/join_conference?incident=abc",
                Optional.of("https://api.example.test/Prod/call_status?incident=abc")), requests.getFirst());
        assertEquals(Optional.empty(), requests.getFirst().answerTwiml());
    }
}
