package alertbridge.handler;

import alertbridge.alert.AlertIntake;
import alertbridge.calls.CallbackUrls;
import alertbridge.snapstart.Priming;
import alertbridge.wiring.Clients;
import alertbridge.wiring.PrimedHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import java.util.List;
import java.util.Optional;

/**
 * The stack's SNS topic (CloudWatch alarm actions, or {@code aws sns publish}): each message pages the rosters
 * named by {@code AlertTopicTeams}, exactly as POST /alert would: {@code ALARM} pages (a repeat joins the open
 * incident), {@code OK} resolves, {@code INSUFFICIENT_DATA} is ignored.
 *
 * <p>SNS invokes Lambda asynchronously, so there is nobody to answer: a message that could not page anyone (a
 * missing roster, Twilio placing no call, a broken message) fails the invocation. Lambda then retries it twice and
 * finally hands it to the dead-letter queue, so no alarm is lost silently. The retries are safe: the dedup key
 * (the alarm's ARN, else the SNS message id) makes a retry of a message that already paged dial nobody.
 */
public final class AlertTopicHandler extends PrimedHandler implements RequestHandler<SNSEvent, String> {
    private final AlertIntake intake;
    private final List<String> teams;
    private final CallbackUrls urls;

    /** Lambda's constructor: real clients, built once per container. */
    public AlertTopicHandler() {
        this(Clients.fromEnvironment());
        Priming.register(this);
    }

    /** Over given clients: tests and the local runner ({@code local/}); without SQS everyone is called once. */
    public AlertTopicHandler(Clients clients) {
        super(clients); // no request is primed: every SNS message pages
        this.intake = new AlertWiring(clients).intake();
        this.teams = clients.settings().topicTeams();
        this.urls = new CallbackUrls(clients.settings().publicBaseUrl().orElseThrow(() -> new IllegalStateException(
                "PUBLIC_BASE_URL is not set: the topic function needs the API's URL for Twilio's webhooks")));
        if (teams.isEmpty()) {
            throw new IllegalStateException("TOPIC_TEAMS is not set: name the roster(s) the topic's alarms phone");
        }
    }

    /**
     * @return a short summary per record (what Lambda records as the result)
     * @throws TopicAlertFailed when any record could not page anyone, after every record was tried
     */
    @Override
    public String handleRequest(SNSEvent event, Context context) {
        List<SNSEvent.SNSRecord> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<AlertIntake.TopicMessage> messages = records.stream().map(r -> r.getSNS() == null
                ? new AlertIntake.TopicMessage(null, "", Optional.empty()) // nothing to say: refused as missing_message
                : new AlertIntake.TopicMessage(r.getSNS().getMessageId(), r.getSNS().getMessage(),
                        Optional.ofNullable(r.getSNS().getSubject()))).toList();
        AlertIntake.TopicDelivery delivery = intake.handleTopicMessages(messages, teams, urls);
        if (!delivery.failures().isEmpty()) {
            throw new TopicAlertFailed("could not page for " + delivery.failures().size() + " of " + records.size()
                    + " SNS message(s): " + String.join(", ", delivery.failures()));
        }
        return String.join("; ", delivery.results());
    }

    /** Fails the invocation so Lambda retries it and then dead-letters it. */
    public static final class TopicAlertFailed extends RuntimeException {
        TopicAlertFailed(String message) {
            super(message, null, false, false);
        }
    }
}
