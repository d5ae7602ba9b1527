package alertbridge.checks;

import java.util.Optional;

/**
 * Where a check's page and resolution go: the alert path ({@code AlertService.raise} / {@code resolve}) under
 * {@link Check#dedupKey()}, so a down check pages like any alert and once.
 */
public interface CheckPager {
    /**
     * Before a check is stored: whom it names can be paged (its team's roster exists; raw numbers are allowed here).
     *
     * @throws alertbridge.refusal.Refusal saying what to fix
     */
    void verify(CheckSpec spec);

    /** @return the incident paging for the check (opened now, or already open); empty when no call could be placed */
    Optional<String> page(Check check, String sentence);

    /** Closes the check's open incident, if any (no calls; the resolved text if configured). */
    void resolve(Check check, String sentence);
}
