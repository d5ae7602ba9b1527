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
}
