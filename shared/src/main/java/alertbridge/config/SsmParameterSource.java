package alertbridge.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/** Reads SecureString (and String) parameters from SSM, decrypted, in batches of ten (GetParameters' limit). */
public final class SsmParameterSource implements ParameterSource {
    private final SsmClient ssm;

    public SsmParameterSource(SsmClient ssm) {
        this.ssm = ssm;
    }

    @Override
    public Map<String, String> fetch(Collection<String> names) {
        List<String> all = List.copyOf(names);
        Map<String, String> values = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 10) {
            List<String> batch = all.subList(i, Math.min(i + 10, all.size()));
            GetParametersResponse response = ssm.getParameters(b -> b.names(batch).withDecryption(true));
            for (Parameter p : response.parameters()) {
                values.put(p.name(), p.value());
            }
            missing.addAll(response.invalidParameters());
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("SSM parameters not found (create them, see README): " + missing);
        }
        return values;
    }
}
