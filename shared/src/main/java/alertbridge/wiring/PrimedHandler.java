package alertbridge.wiring;

import alertbridge.snapstart.Priming;
import java.util.List;
import org.crac.Resource;

/**
 * SnapStart's hooks, declared once for every handler: before the snapshot, the priming its clients and wiring
 * declared ({@link Clients#priming}) plus the handler's own requests it refuses before reading or writing anything
 * ({@link #refusedRequests}); after a restore, fresh randomness and what its clients hold read again. The function is
 * named after the handler ({@code AlertHandler} → {@code AlertFunction}, its logical id in template.yaml).
 */
public abstract class PrimedHandler implements Resource {
    private final Clients clients;

    protected PrimedHandler(Clients clients) {
        this.clients = clients;
    }

    /** The handler's own priming: requests it must refuse before any read or write. None unless overridden. */
    protected List<Priming.Step> refusedRequests() {
        return List.of();
    }

    @Override
    public final void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime(function(), clients.priming(refusedRequests()));
    }

    @Override
    public final void afterRestore(org.crac.Context<? extends Resource> context) {
        Priming.restore(function(), clients.restoring());
    }

    private String function() {
        return getClass().getSimpleName().replaceFirst("Handler$", "Function");
    }
}
