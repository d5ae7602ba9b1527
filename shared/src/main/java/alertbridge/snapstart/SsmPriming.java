package alertbridge.snapstart;

import alertbridge.config.Settings;
import alertbridge.config.SsmParameterSource;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The SDK's SSM read path through our parameter source, answered from memory (nothing found). A class of its own:
 * functions that ship no SSM client never load this.
 */
public final class SsmPriming {
    private SsmPriming() {
    }

    public static void ssm(Settings settings) {
        OfflineAws http = new OfflineAws();
        try (SsmClient ssm = OfflineAws.offline(SsmClient.builder(), http).build()) {
            new SsmParameterSource(ssm).find(settings.parameters().alertTokens());
            if (http.requests() < 1) {
                throw new IllegalStateException("the SDK sent no request");
            }
        }
    }
}
