package alertbridge.local;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The order this module's test classes are handed to JUnit's parallel executor in (surefire's configuration in
 * local/pom.xml): the classes that take longest first, then the rest by name. JUnit's work-stealing pool takes the
 * first of them at once (the two longest start together, a third thread works from the short end), so the run ends
 * soon after its longest class rather than starting it late. The list comes from the per-class times in docs/testing.md; a class missing
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
