package alertbridge.config;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where secrets and settings live outside the code: SSM Parameter Store in AWS. */
public interface ParameterSource {
    /**
     * @return the decrypted value of every name
     * @throws IllegalStateException naming the parameters that do not exist
     */
    Map<String, String> fetch(Collection<String> names);

    /**
     * One parameter that may not exist (e.g. a roster named in a request).
     *
     * @return its value, or empty when there is no such parameter
     */
    default Optional<String> find(String name) {
        try {
            return Optional.ofNullable(fetch(List.of(name)).get(name));
        } catch (IllegalStateException notFound) {
            return Optional.empty();
        }
    }

    /**
     * Every parameter directly below {@code path} (not below its sub-paths), decrypted: the rosters of
     * {@code <ParameterPath>/teams}, for instance.
     *
     * @param path a parameter path such as {@code /alertbridge/teams}, without a trailing slash
     * @return full parameter name → value; empty when nothing is there
     * @throws UnsupportedOperationException from a source that cannot list a path
     */
    default Map<String, String> under(String path) {
        throw new UnsupportedOperationException("this parameter source cannot list a path: " + path);
    }
}
