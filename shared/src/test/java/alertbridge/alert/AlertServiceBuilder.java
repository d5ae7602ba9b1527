package alertbridge.alert;

import alertbridge.calls.CallFanOut;
import alertbridge.guard.CalleeGuard;
import alertbridge.guard.CalleeGuards;
import alertbridge.ids.IncidentIds;
import alertbridge.phone.PhoneNumbers;
import alertbridge.table.IncidentStore;
import java.time.Clock;
import java.util.Optional;

/**
 * An {@link AlertService} for tests: the store and the fan-out are given, everything else has a default (numbers
 * without a default region, no guards, 20 callees, the system clock, real incident ids, no resolved texts).
 */
final class AlertServiceBuilder {
    private final IncidentStore store;
    private final CallFanOut fanOut;
    private PhoneNumbers phoneNumbers = new PhoneNumbers(Optional.empty());
    private CalleeGuards guards = new CalleeGuards(CalleeGuard.NONE, CalleeGuard.NONE);
    private int maxCallees = 20;
    private Clock clock = Clock.systemUTC();

    private AlertServiceBuilder(IncidentStore store, CallFanOut fanOut) {
        this.store = store;
        this.fanOut = fanOut;
    }

    static AlertServiceBuilder over(IncidentStore store, CallFanOut fanOut) {
        return new AlertServiceBuilder(store, fanOut);
    }

    AlertServiceBuilder phoneNumbers(PhoneNumbers phoneNumbers) {
        this.phoneNumbers = phoneNumbers;
        return this;
    }

    AlertServiceBuilder guards(CalleeGuard policy, CalleeGuard rate) {
        this.guards = new CalleeGuards(policy, rate);
        return this;
    }

    AlertServiceBuilder maxCallees(int maxCallees) {
        this.maxCallees = maxCallees;
        return this;
    }

    AlertServiceBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    AlertService build() {
        return new AlertService(phoneNumbers, guards, store, fanOut, maxCallees, clock, IncidentIds::next, Optional.empty(),
                Optional.empty(), alertbridge.events.IncidentEvents.metricsOnly(clock));
    }
}
