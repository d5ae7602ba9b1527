package alertbridge.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Rendering TwiML needs no Twilio SDK class: JoinTwiml and CallInTwiml are loaded from our classes alone, with only the
 * JDK behind them (no dependency jar at all), and render every kind of document. A function that only renders TwiML
 * and checks signatures can drop the SDK.
 */
class TwimlWithoutTwilioSdkTest {
    @Test
    void joinAndCallInTwimlRenderWithOnlyOurClassesAndTheJdk() throws Exception {
        URL ours = JoinTwiml.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[]{ours}, ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("com.twilio.twiml.VoiceResponse"),
                    "the SDK is out of reach of this loader");

            Class<?> join = loader.loadClass(JoinTwiml.class.getName());
            Object twiml = join.getConstructor(String.class, String.class).newInstance("Polly.Joanna", "en-US");
            Class<?> decision = loader.loadClass("alertbridge.join.JoinDecision");
            Object ask = loader.loadClass("alertbridge.join.JoinDecision$AskForKeypress").getConstructor(String.class)
                    .newInstance("</Say> disk full");
            Object bridge = loader.loadClass("alertbridge.join.JoinDecision$Bridge").getConstructor(String.class, Optional.class)
                    .newInstance("alertbridge-abc", Optional.of("disk full"));
            for (Object d : List.of(ask, bridge)) {
                String xml = (String) join.getMethod("render", decision, String.class, String.class)
                        .invoke(twiml, d, "https://x/join_conference?incident=abc", "https://x/conference_events?incident=abc");
                assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>"), xml);
            }
            Optional<?> inline = (Optional<?>) join.getMethod("onAnswer", String.class, String.class)
                    .invoke(twiml, "disk full", "https://x/join_conference?incident=abc");
            assertTrue(String.valueOf(inline.orElseThrow()).contains("Alert. disk full."));
            assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Hangup/></Response>", join.getMethod("hangUp").invoke(twiml));

            Class<?> callIn = loader.loadClass(CallInTwiml.class.getName());
            Object callInTwiml = callIn.getConstructor(String.class, String.class).newInstance("", "ja-JP");
            Object urls = loader.loadClass("alertbridge.calls.CallbackUrls").getConstructor(String.class).newInstance("https://x");
            Object none = loader.loadClass("alertbridge.callin.CallInDecision$NoOpenIncident").getConstructor().newInstance();
            String xml = (String) callIn.getMethod("render", loader.loadClass("alertbridge.callin.CallInDecision"), urls.getClass())
                    .invoke(callInTwiml, none, urls);
            assertTrue(xml.contains("language=\"ja-JP\""), xml);
        }
    }
}
