package alertbridge.handler;

import alertbridge.alert.AlertIntake;
import alertbridge.alert.AlertService;
import alertbridge.alert.OnCallFirst;
import alertbridge.auth.AlertTokens;
import alertbridge.calls.CallFanOut;
import alertbridge.config.CachedParameters;
import alertbridge.config.Settings;
import alertbridge.events.EventSink;
import alertbridge.events.IncidentEvents;
import alertbridge.formats.WebhookFormats;
import alertbridge.guard.CallRateGuard;
import alertbridge.guard.CalleeGuards;
import alertbridge.guard.TollFraudGuard;
import alertbridge.http.WebhookPoster;
import alertbridge.ids.IncidentIds;
import alertbridge.oncall.HandoffNotices;
import alertbridge.oncall.People;
import alertbridge.oncall.ScheduleService;
import alertbridge.phone.PhoneMask;
import alertbridge.phone.PhoneNumbers;
import alertbridge.queue.DurableEventSink;
import alertbridge.queue.SqsEventSink;
import alertbridge.queue.SqsRoundQueue;
import alertbridge.roster.RosterValue;
import alertbridge.roster.Rosters;
import alertbridge.slack.SlackFollowUps;
import alertbridge.snapstart.Priming;
import alertbridge.snapstart.PrimingSteps;
import alertbridge.table.IncidentStore;
import alertbridge.timeline.IncidentQueries;
import alertbridge.twilio.JoinTwiml;
import alertbridge.twilio.TwilioDialer;
import alertbridge.twilio.TwilioTexter;
import alertbridge.wiring.Clients;
import com.twilio.http.TwilioRestClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The alert domain wired to real clients, once per container: shared by POST /alert ({@link AlertHandler}), the
 * SNS topic ({@link AlertTopicHandler}), check-ins ({@link CheckWiring}), schedules and Slack ({@link SchedulesHandler}) and
 * the handoff ticker, so all page, dedup and resolve alike.
 */
final class AlertWiring {
    private final CachedParameters parameters;
    private final Clock clock;
    private final String alertTokens;
    private final AlertIntake intake;
    private final IncidentStore store;
    private final EventSink events;
    private final ScheduleService schedules;
    private final HandoffNotices handoffs;
    private final SlackFollowUps slackFollowUps;

    /** Over the function's clients; without SQS (a test) everyone is called once and no event is queued. */
    AlertWiring(Clients clients) {
        Settings settings = clients.settings();
        Settings.ParameterNames names = settings.parameters();
        Clock clock = clients.clock();
        this.parameters = clients.parameters(names.all());
        Supplier<TwilioRestClient> twilio = clients.twilio();
        Supplier<String> callerNumber = clients.callerNumber();
        TwilioDialer dialer = TwilioDialer.withRetries(twilio, callerNumber, settings.callTimeoutSeconds());
        this.store = clients.store();
        SqsClient sqs = clients.sqs();
        this.events = SqsEventSink.durable(settings, sqs, store);
        AlertService service = new AlertService(
                new PhoneNumbers(settings.defaultRegion()),
                new CalleeGuards(new TollFraudGuard(settings.guards().allowedCountries(), callerNumber),
                        new CallRateGuard(store.rates(), settings.guards().maxCallsPerNumberPerHour(), clock)),
                store,
                new CallFanOut(dialer, JoinTwiml.pickUp(settings)),
                settings.maxCallees(),
                clock,
                IncidentIds::next,
                settings.resolvedSms() ? Optional.of(new TwilioTexter(twilio, callerNumber)) : Optional.empty(),
                sqs == null ? Optional.empty() : SqsRoundQueue.timer(settings, sqs),
                new IncidentEvents(events, clock));
        Rosters rosters = new Rosters(settings.guards().teamsPath(), parameters::find, settings.guards().allowAdHocNumbers());
        this.schedules = new ScheduleService(store.schedules(),
                new People(People.pathBeside(names.alertTokens()), parameters::find,
                        () -> clients.parameterSource().under(People.pathBeside(names.alertTokens()))),
                team -> settings.guards().teamsPath().map(path -> RosterValue.parse(parameters.find(path + "/" + team)
                        .orElse("")).numbers()).orElse(List.of()),
                clock, IncidentIds::next);
        this.handoffs = new HandoffNotices(store.handoffs(), schedules, new TwilioTexter(twilio, callerNumber),
                SqsEventSink.of(settings, sqs), clock);
        this.slackFollowUps = new SlackFollowUps(store.slackFollowUps(), new IncidentQueries(store)::timeline, new WebhookPoster(),
                number -> schedules.people().byPhone(number).map(People.Person::name).orElse(PhoneMask.mask(number)), clock);
        this.intake = new AlertIntake(new WebhookFormats(settings.sayLanguage()), rosters, service,
                Optional.of(new OnCallFirst(schedules::find, schedules.people(), clock, OnCallFirst.READ_BUDGET)));
        this.clock = clock;
        this.alertTokens = names.alertTokens();
        clients.primes(Priming.step("webhook_formats", () -> PrimingSteps.webhookFormats(settings.sayLanguage())));
        clients.primes(Priming.step("phone_numbers", () -> PrimingSteps.phoneNumbers(settings.defaultRegion())));
    }

    Clock clock() {
        return clock;
    }

    /**
     * Lets a request in with one of the alert tokens ({@code <ParameterPath>/alert-tokens}, cached).
     *
     * @throws alertbridge.refusal.Refusal 401 otherwise
     */
    void authorise(Optional<String> presentedToken) {
        AlertTokens.parse(parameters.get(alertTokens)).authorise(presentedToken);
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
