package alertbridge.checks;

/**
 * Where a check's page and resolution go: in the deployed wiring, AlertService.raise / resolve under
 * {@link Check#dedupKey()} (not wired yet).
 */
public interface CheckPager {
    void page(Check check, String sentence);

    void resolve(Check check);
}
