package alertbridge.table;

import static alertbridge.table.TableKeys.n;
import static alertbridge.table.TableKeys.s;

import alertbridge.slack.FollowUpStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Pages made from Slack ({@code SLACKPAGE / <incidentId>}): the command's {@code response_url} and what was posted to
 * it; on the due index ({@code dueList = SLACK}) while follow-ups are to come, kept a day after Slack stops taking them.
 */
public final class SlackFollowUpRecords implements FollowUpStore {
    private static final String DUE = "SLACK";
    private final IncidentTable table;

    SlackFollowUpRecords(IncidentTable table) {
        this.table = table;
    }

    @Override
    public void save(FollowUp f) {
        Map<String, AttributeValue> item = TableKeys.slackPage(f.incidentId()).attributes();
        item.put(TableKeys.TYPE, s("slack_page"));
        item.put("responseUrl", s(f.responseUrl()));
        item.put("until", s(f.until().toString()));
        item.put("posts", n(f.posts()));
        item.put("announced", AttributeValue.fromL(f.announced().stream().map(TableKeys::s).toList()));
        item.put(TableKeys.EXPIRES_AT, n(f.until().plus(Duration.ofDays(1)).getEpochSecond()));
        f.next().ifPresent(at -> {
            item.put(TableKeys.DUE_LIST, s(DUE));
            item.put(TableKeys.DUE_AT, s(at.truncatedTo(ChronoUnit.SECONDS).toString()));
        });
        table.put(item);
    }

    @Override
    public List<FollowUp> due(Instant now) {
        List<FollowUp> due = new ArrayList<>();
        for (Map<String, AttributeValue> key : table.dueBy(DUE, now.truncatedTo(ChronoUnit.SECONDS).toString())) {
            String incidentId = key.get(TableKeys.SK).s();
            table.get(TableKeys.slackPage(incidentId)).filter(item -> item.containsKey(TableKeys.DUE_LIST))
                    .ifPresent(item -> due.add(new FollowUp(incidentId, item.get("responseUrl").s(), Instant.parse(item.get("until").s()),
                            Integer.parseInt(item.get("posts").n()), item.get("announced").l().stream().map(AttributeValue::s).toList(),
                            Optional.of(now))));
        }
        return due;
    }
}
