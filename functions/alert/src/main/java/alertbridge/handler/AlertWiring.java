package alertbridge.handler;

import alertbridge.alert.AlertIntake;
import alertbridge.alert.AlertService;
import alertbridge.alert.CallRateGuard;
import alertbridge.alert.CalleeGuards;
import alertbridge.alert.OnCallFirst;
import alertbridge.calls.CallFanOut;
import alertbridge.config.CachedParameters;
import alertbridge.config.ParameterSource;
import alertbridge.config.Settings;
import alertbridge.queue.DurableEventSink;
import alertbridge.events.EventSink;
import alertbridge.events.IncidentEvents;
import alertbridge.formats.WebhookFormats;
import alertbridge.ids.IncidentIds;
import alertbridge.http.WebhookPoster;
import alertbridge.timeline.IncidentQueries;
import alertbridge.oncall.HandoffNotices;
import alertbridge.oncall.People;
import alertbridge.oncall.ScheduleService;
import alertbridge.phone.PhoneMask;
import alertbridge.phone.PhoneNumbers;
import alertbridge.phone.TollFraudGuard;
import alertbridge.queue.SqsEventSink;
import alertbridge.queue.SqsRoundQueue;
import alertbridge.queue.SqsWriteBehind;
import alertbridge.roster.RosterValue;
import alertbridge.roster.Rosters;
import alertbridge.slack.SlackFollowUps;
import alertbridge.snapstart.Priming;
import alertbridge.snapstart.PrimingSteps;
import alertbridge.snapstart.SqsPriming;
import alertbridge.snapstart.SsmPriming;
import alertbridge.snapstart.TwilioPriming;
import alertbridge.table.IncidentStore;
import alertbridge.twilio.JoinTwiml;
import alertbridge.twilio.TwilioClients;
import alertbridge.twilio.TwilioDialer;
import alertbridge.twilio.TwilioTexter;
import com.twilio.http.TwilioRestClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The alert domain wired to real clients, once per container: shared by POST /alert ({@link AlertHandler}), the
 * SNS topic ({@link AlertTopicHandler}) and check-ins ({@link CheckWiring}), so all page, dedup and resolve alike.
 */
final class AlertWiring {
    private final CachedParameters parameters;
    private final Supplier<TwilioRestClient> twilio;
    private final AlertIntake intake;
    private final IncidentStore store;
    private final EventSink events;
    private final ScheduleService schedules;
    private final HandoffNotices handoffs;
    private final SlackFollowUps slackFollowUps;

    /** @param sqs for the rounds queue ({@code ROUNDS_QUEUE_URL}); null: everyone is called once */
    AlertWiring(Settings settings, ParameterSource parameterSource, DynamoDbClient dynamo, SqsClient sqs) {
        Settings.ParameterNames names = settings.parameters();
        this.parameters = new CachedParameters(parameterSource, names.all(), settings.parameterCacheTtl(), Clock.systemUTC());
        this.twilio = TwilioClients.following(() -> parameters.get(names.twilioAccountSid()),
                () -> parameters.get(names.twilioAuthToken()), settings.twilioApiBase(), settings.maxCallees());
        Supplier<String> callerNumber = () -> parameters.get(names.twilioCallerNumber());
        TwilioDialer dialer = TwilioDialer.withRetries(twilio, callerNumber, settings.callTimeoutSeconds());
        this.store = new IncidentStore(dynamo, settings.tableName(), settings.retention(), SqsWriteBehind.of(settings, sqs));
        this.events = SqsEventSink.durable(settings, sqs, store);
        AlertService service = new AlertService(
                new PhoneNumbers(settings.defaultRegion()),
                new CalleeGuards(new TollFraudGuard(settings.guards().allowedCountries(), callerNumber),
                        new CallRateGuard(store.rates(), settings.guards().maxCallsPerNumberPerHour(), Clock.systemUTC())),
                store,
                new CallFanOut(dialer, JoinTwiml.pickUp(settings)),
                settings.maxCallees(),
                Clock.systemUTC(),
                IncidentIds::next,
                settings.resolvedSms() ? Optional.of(new TwilioTexter(twilio, callerNumber)) : Optional.empty(),
                sqs == null ? Optional.empty() : SqsRoundQueue.timer(settings, sqs),
                new IncidentEvents(events, Clock.systemUTC()));
        Rosters rosters = new Rosters(settings.guards().teamsPath(), parameters::find, settings.guards().allowAdHocNumbers());
        this.schedules = new ScheduleService(store.schedules(),
                new People(People.pathBeside(names.alertTokens()), parameters::find,
                        () -> parameterSource.under(People.pathBeside(names.alertTokens()))),
                team -> settings.guards().teamsPath().map(path -> RosterValue.parse(parameters.find(path + "/" + team)
                        .orElse("")).numbers()).orElse(List.of()),
                Clock.systemUTC(), IncidentIds::next);
        this.handoffs = new HandoffNotices(store.handoffs(), schedules, new TwilioTexter(twilio, callerNumber),
                SqsEventSink.of(settings, sqs), Clock.systemUTC());
        this.slackFollowUps = new SlackFollowUps(store.slackFollowUps(), new IncidentQueries(store)::timeline, new WebhookPoster(),
                number -> schedules.people().byPhone(number).map(People.Person::name).orElse(PhoneMask.mask(number)), Clock.systemUTC());
        this.intake = new AlertIntake(new WebhookFormats(settings.sayLanguage()), rosters, service,
                Optional.of(new OnCallFirst(schedules::find, schedules.people(), Clock.systemUTC(), OnCallFirst.READ_BUDGET)));
    }

    /**
     * SnapStart: the parameters read again if held past their time, and the Twilio client rebuilt if the credentials
     * changed (built at all, before the snapshot: it sends nothing until a call is placed).
     */
    void refreshIfStale() {
        twilio.get();
    }

    /**
     * SnapStart priming both alert handlers run, before their own: the SDKs' request paths this function ships (the
     * table, SQS, SSM, Twilio), every webhook format, the phone-number metadata; the Twilio client last.
     *
     * @param own the handler's own steps, run before the Twilio client is built
     */
    static Priming.Step[] primingSteps(Settings settings, AlertWiring wiring, Priming.Step... own) {
        List<Priming.Step> steps = new ArrayList<>(List.of(
                Priming.step("dynamodb", () -> PrimingSteps.dynamoDb(settings)),
                Priming.step("sqs", SqsPriming::sqs),
                Priming.step("ssm", () -> SsmPriming.ssm(settings)),
                Priming.step("twilio_sdk", TwilioPriming::twilioSdk),
                Priming.step("webhook_formats", () -> PrimingSteps.webhookFormats(settings.sayLanguage())),
                Priming.step("phone_numbers", () -> PrimingSteps.phoneNumbers(settings.defaultRegion()))));
        steps.addAll(List.of(own));
        steps.add(Priming.step("twilio_client", wiring::refreshIfStale));
        return steps.toArray(Priming.Step[]::new);
    }

    CachedParameters parameters() {
        return parameters;
    }

    AlertIntake intake() {
        return intake;
    }

    /**
     * The events kept in the table while the events queue failed, queued again: the check detector's minute run
     * ({@link CheckDetectorHandler}) sweeps them; nothing when no destination is configured.
     */
    Optional<DurableEventSink.Swept> sweepEvents() {
        return events instanceof DurableEventSink durable ? Optional.of(durable.sweep()) : Optional.empty();
    }

    /** On-call schedules: their API ({@link SchedulesHandler}) and whom a page of a scheduled team phones first. */
    ScheduleService schedules() {
        return schedules;
    }

    /** Handoff notices: what the one-minute ticker runs ({@link HandoffTickerHandler}). */
    HandoffNotices handoffs() {
        return handoffs;
    }

    /** Follow-ups of pages made from Slack, posted to their response_url by the ticker ({@link HandoffTickerHandler}). */
    SlackFollowUps slackFollowUps() {
        return slackFollowUps;
    }

    /** The table, with its write-behind queue: check-ins keep their pings in it ({@link CheckWiring}). */
    IncidentStore store() {
        return store;
    }
}
