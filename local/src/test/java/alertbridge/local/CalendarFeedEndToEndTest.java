package alertbridge.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import org.junit.jupiter.api.Test;

/**
 * The calendar feed over the local stack: a subscription URL from POST /schedules/{team}/feeds, fetched without any
 * header as calendar apps do; revoked by DELETE, then 404.
 */
class CalendarFeedEndToEndTest {
    @Test
    void aFeedUrlServesTheShiftsWithoutHeadersUntilRevoked() throws Exception {
        try (LocalStack stack = LocalStack.start(StackOptions.forTests(0.05))) {
            stack.putRoster("sre-cal", "+818012345601,+818012345602");
            stack.putPerson("alice", "Smith, J; R\\\\D", "+818012345601", "U0ALICE");
            stack.putPerson("bob", "bob", "+818012345602", "U0BOB");
            LocalDate sunday = LocalDate.now(ZoneId.of("Asia/Tokyo")).with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
            LocalClient client = new LocalClient(stack);
            assertEquals(200, client.put("/schedules/sre-cal", "{\"zone\": \"Asia/Tokyo\", \"rotations\": [{\"unit\": \"weeks\","
                    + " \"anchor\": \"" + sunday + "T00:00\", \"participants\": [\"alice\", \"bob\"]}]}").status());
            LocalClient.Response created = client.post("/schedules/sre-cal/feeds", "");
            assertEquals(201, created.status(), String.valueOf(created.json()));
            String url = created.json().get("url").asText();
            assertTrue(url.matches(".*/calendar/[A-Za-z0-9_-]{22}\\.ics"), url);

            HttpResponse<byte[]> feed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, feed.statusCode());
            assertEquals("text/calendar; charset=utf-8", feed.headers().firstValue("Content-Type").orElse(""));
            String ics = new String(feed.body(), StandardCharsets.UTF_8);
            String start = sunday.minusDays(1) + "T150000Z";
            assertTrue(ics.contains("DTSTART:" + start.replace("-", "") + "\r\n"), ics);
            assertTrue(ics.contains("SUMMARY:Smith\\, J\\; R\\\\D on call (sre-cal)\r\n"), ics);
            assertTrue(ics.lines().allMatch(l -> l.getBytes(StandardCharsets.UTF_8).length <= 75));

            String id = created.json().get("id").asText();
            LocalClient.Response revoked = client.send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/schedules/sre-cal/feeds/" + id))
                    .header("Authorization", "Bearer " + stack.options().alertToken()).DELETE());
            assertEquals(200, revoked.status(), String.valueOf(revoked.json()));
            assertEquals(404, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(404, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/calendar/nope.ics"))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        }
    }
}
