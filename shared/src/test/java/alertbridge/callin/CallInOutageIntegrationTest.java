package alertbridge.callin;

import alertbridge.testing.SettableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import alertbridge.incident.Incident;
import alertbridge.ids.IncidentIds;
import alertbridge.phone.PhoneNumbers;
import alertbridge.testkit.aws.LocalAws;
import alertbridge.table.IncidentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Dialling in while the table is down, against moto with an outage switched on in the service's own DynamoDB client:
 * the open incidents read last (at most 10 minutes ago, by the clock) are offered and a key press joins; with none
 * held the caller hears that incidents cannot be looked up right now.
 */
class CallInOutageIntegrationTest {
    @RegisterExtension
    static final LocalAws aws = new LocalAws();
    private static final String MEMBER = "+818012345631";
    private final AtomicBoolean down = new AtomicBoolean();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-07T20:00:00Z"));
    private final IncidentStore store = new IncidentStore(aws.moto().dynamoDb(new ExecutionInterceptor() {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (down.get()) {
                throw SdkClientException.create("Connection refused (the table is down)");
            }
        }
    }), aws.tableName(), Duration.ofDays(90), Optional.empty());

    private CallInService service() {
        aws.putParameter("teams/sre", MEMBER);
        RosterMembership rosters = new RosterMembership(Optional.of(aws.parameterPath() + "/teams"),
                new alertbridge.config.SsmParameterSource(aws.ssm()), new PhoneNumbers(Optional.empty()), Duration.ofMinutes(5), clock);
        return new CallInService(true, rosters, store, clock);
    }

    private String open(String message) {
        String id = IncidentIds.next();
        store.incidents().create(Incident.open(id, message, clock.instant(), 1));
        return id;
    }

    @Test
    void theIncidentsListedAMinuteBeforeAreOfferedAndTheKeyPressJoins() {
        CallInService service = service();
        String id = open("Disk full on db-1");
        assertInstanceOf(CallInDecision.Offer.class, service.answer("CA1", MEMBER, Optional.empty(), Optional.empty()));

        down.set(true);
        clock.set(clock.instant().plus(Duration.ofMinutes(1)));
        CallInDecision offered = service.answer("CA2", MEMBER, Optional.empty(), Optional.empty());
        CallInDecision.Offer offer = assertInstanceOf(CallInDecision.Offer.class, offered);
        assertTrue(offer.choices().contains(new CallInDecision.Choice(id, "Disk full on db-1")), offer.choices().toString());
        String key = String.valueOf(offer.offer().incidentIds().indexOf(id) + 1);
        assertEquals(new CallInDecision.Bridge(id, Incident.conferenceName(id)),
                service.answer("CA2", MEMBER, Optional.of(offer.offer()), Optional.of(key)));
    }

    @Test
    void withNothingHeldOrHeldTooLongTheCallerIsToldIncidentsCannotBeLookedUp() {
        CallInService cold = service();
        CallInService warm = service();
        open("Queue backlog");
        assertInstanceOf(CallInDecision.Offer.class, warm.answer("CA4", MEMBER, Optional.empty(), Optional.empty()));

        down.set(true);
        assertEquals(new CallInDecision.IncidentsUnavailable(), cold.answer("CA3", MEMBER, Optional.empty(), Optional.empty()),
                "this container never listed them");
        clock.set(clock.instant().plus(Duration.ofMinutes(10)));
        assertInstanceOf(CallInDecision.Offer.class, warm.answer("CA5", MEMBER, Optional.empty(), Optional.empty()),
                "10 minutes old: still offered");
        clock.set(clock.instant().plusSeconds(1));
        assertEquals(new CallInDecision.IncidentsUnavailable(), warm.answer("CA6", MEMBER, Optional.empty(), Optional.empty()),
                "older than 10 minutes: not offered");
    }
}
