package alertbridge.local;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The order this module's test classes start in when they run side by side (surefire's configuration in
 * local/pom.xml): the classes that take longest first, so the last ones to start are short and the run ends soon after
 * its longest class; then the rest by name. The list comes from the per-class times in docs/testing.md; a class missing
 * from it only starts later, it still runs.
 */
public final class LongestFirst implements ClassOrderer {
    /** Longest first, as measured (docs/testing.md). */
    static final List<String> LONGEST = List.of(
            "FaultMatrixEndToEndTest",
            "RoundsEndToEndTest",
            "EventsEndToEndTest",
            "IncidentPageBrowserTest",
            "EventsFailureEndToEndTest",
            "IncidentMetricsEndToEndTest",
            "WebhookFormatsEndToEndTest",
            "ChecksEndToEndTest",
            "DialInEndToEndTest",
            "FiftyAtOnceEndToEndTest",
            "AlertTopicEndToEndTest",
            "PhoneFlowEndToEndTest");

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator
                .comparingInt((org.junit.jupiter.api.ClassDescriptor d) -> rank(d.getTestClass().getSimpleName()))
                .thenComparing(d -> d.getTestClass().getName()));
    }

    private static int rank(String simpleName) {
        int i = LONGEST.indexOf(simpleName);
        return i < 0 ? LONGEST.size() : i;
    }
}
