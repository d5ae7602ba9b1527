package alertbridge.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * Reads SecureString (and String) parameters from SSM, decrypted, in batches of ten (GetParameters' limit), or all
 * of one path (GetParametersByPath, page by page).
 */
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

    /** GetParametersByPath, non-recursive, decrypted, every page (SSM returns at most ten parameters per page). */
    @Override
    public Map<String, String> under(String path) {
        Map<String, String> values = new LinkedHashMap<>();
        for (GetParametersByPathResponse page : ssm.getParametersByPathPaginator(b -> b.path(path).recursive(false).withDecryption(true))) {
            for (Parameter p : page.parameters()) {
                values.put(p.name(), p.value());
            }
        }
        return values;
    }
}
