package alertbridge.config;

import java.util.Collection;
import java.util.Map;

/** Where secrets and settings live outside the code: SSM Parameter Store in AWS. */
public interface ParameterSource {
    /**
     * @return the decrypted value of every name
     * @throws IllegalStateException naming the parameters that do not exist
     */
    Map<String, String> fetch(Collection<String> names);
}
