package alertbridge.local;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * What {@code ./local/run} sets up to try on-call schedules with: people alice (+818012345601), bob (…02) and carol
 * (…03), the roster {@code sre} of the three, and a weekly Tokyo schedule anchored on the last Sunday (so alice is on
 * call this week), written through the API as anyone would.
 */
final class LocalSeed {
    static final String TEAM = "sre";
    private static final String[][] PEOPLE = {
        {"alice", "+818012345601", "U0ALICE"}, {"bob", "+818012345602", "U0BOB"}, {"carol", "+818012345603", "U0CAROL"}};

    private LocalSeed() {
    }

    /** @return the schedule's anchor, the last Sunday in Tokyo */
    static LocalDate seed(LocalStack stack) throws IOException, InterruptedException {
        for (String[] p : PEOPLE) {
            stack.putPerson(p[0], p[0], p[1], p[2]);
        }
        stack.putRoster(TEAM, PEOPLE[0][1] + "," + PEOPLE[1][1] + "," + PEOPLE[2][1]);
        LocalDate sunday = LocalDate.now(ZoneId.of("Asia/Tokyo")).with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        String body = "{\"zone\": \"Asia/Tokyo\", \"rotations\": [{\"id\": \"primary\", \"round\": 1, \"unit\": \"weeks\", \"length\": 1,"
                + " \"anchor\": \"" + sunday + "T00:00\", \"participants\": [\"alice\", \"bob\", \"carol\"]}], \"nightHours\":"
                + " {\"from\": \"22:00\", \"to\": \"05:00\"}}";
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/schedules/" + TEAM))
                .header("Authorization", "Bearer " + stack.options().alertToken()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 200) {
            throw new IllegalStateException("the sample schedule was refused: " + put.statusCode() + " " + put.body());
        }
        return sunday;
    }

    /** The curl lines to try it with. */
    static void printExamples(PrintStream out, String api, String alertToken) {
        String auth = "-H 'Authorization: Bearer " + alertToken + "'";
        out.println("On-call schedule: team sre rotates weekly (Sunday 00:00 Tokyo) alice → bob → carol; alice is on call now.");
        out.println("Who is on call, as Slack's /oncall would ask (the simulator signs it as Slack does):");
        out.println();
        out.println("  curl -s --data-urlencode 'text=who sre' " + api + "/_local/slack");
        out.println("  curl -s --data-urlencode 'text=page sre DB down' --data user=U0BOB " + api + "/_local/slack   # rings alice first");
        out.println("  curl -s " + auth + " " + api + "/schedules/sre/oncall");
        out.println();
        out.println("Page the on-call person first (the rest of the roster a round later), and subscribe to the calendar:");
        out.println();
        out.println("  curl -s " + auth + " --data 'team=sre&message=Database is down' " + api + "/alert");
        out.println("  curl -s -X POST " + auth + " " + api + "/schedules/sre/feeds      # {\"url\": \".../calendar/<token>.ics\"}");
        out.println();
    }
}
