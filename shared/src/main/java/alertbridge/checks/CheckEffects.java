package alertbridge.checks;

import java.time.ZoneId;

/** Carries out a transition's effect once its new state is stored: page with the spoken sentence, or resolve. */
public final class CheckEffects {
    private final CheckPager pager;
    private final ZoneId zone;

    public CheckEffects(CheckPager pager, ZoneId zone) {
        this.pager = pager;
        this.zone = zone;
    }

    public void apply(CheckTransitions.Outcome outcome) {
        switch (outcome.effect()) {
            case PAGE -> pager.page(outcome.check(), CheckSentences.down(outcome.check(), zone));
            case RESOLVE -> pager.resolve(outcome.check());
            case NONE -> { }
        }
    }
}
