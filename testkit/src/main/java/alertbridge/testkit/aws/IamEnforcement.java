package alertbridge.testkit.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * moto enforcing IAM, for the deploy rehearsal (local/iam_rehearsal.py): every function in the policies file becomes
 * a user holding exactly its policies, with a key of its own ({@link MotoServer#asFunction}); each decision is logged.
 * A JVM asks for it with {@value #POLICIES_PROPERTY} (.ci/deploy-rehearsal sets it); {@link MotoServer#shared()} then
 * starts this server instead of the plain one.
 */
public final class IamEnforcement {
    /** The policies file the deploy rehearsal wrote. */
    public static final String POLICIES_PROPERTY = "alertbridge.iam.policies";
    /** Where the IAM run logs each decision (JSON lines); iam-log.jsonl next to the policies file unless set. */
    public static final String LOG_PROPERTY = "alertbridge.iam.log";

    private IamEnforcement() {
    }

    /** The policies file, when this JVM's moto is to enforce IAM. */
    static Optional<Path> asked() {
        return Optional.ofNullable(System.getProperty(POLICIES_PROPERTY)).map(p -> Path.of(p).toAbsolutePath());
    }

    /** Where the decisions are logged for {@code policies}. */
    public static Path log(Path policies) {
        return Path.of(System.getProperty(LOG_PROPERTY, policies.resolveSibling("iam-log.jsonl").toString())).toAbsolutePath();
    }

    static MotoServer start(Path log, Path policies) {
        Path keys = policies.resolveSibling("iam-keys.json");
        Path decisions = log(policies);
        try {
            Files.deleteIfExists(keys);
            Files.deleteIfExists(decisions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MotoServer started = MotoServer.start(log, Map.of("ALERTBRIDGE_IAM_POLICIES", policies.toString(),
                "ALERTBRIDGE_IAM_KEYS", keys.toString(), "ALERTBRIDGE_IAM_LOG", decisions.toString()));
        try {
            Map<String, AwsBasicCredentials> functionKeys = new HashMap<>();
            new ObjectMapper().readTree(keys.toFile()).properties().forEach(e -> functionKeys.put(e.getKey(),
                    AwsBasicCredentials.create(e.getValue().get("accessKeyId").asText(), e.getValue().get("secretAccessKey").asText())));
            return started.enforcing(functionKeys);
        } catch (IOException e) {
            started.close();
            throw new UncheckedIOException("the IAM run's keys were not written: " + keys, e);
        }
    }
}
