package alertbridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * Where the clients take the execution role's credentials: from Lambda's container credentials endpoint when it is
 * announced (SnapStart), else from the environment variables Lambda sets otherwise.
 */
class AwsClientsCredentialsTest {
    @Test
    void withoutTheContainerEndpointTheEnvironmentVariablesAreUsed() {
        assertInstanceOf(EnvironmentVariableCredentialsProvider.class, AwsClients.credentials(Map.of()));
        assertInstanceOf(EnvironmentVariableCredentialsProvider.class,
                AwsClients.credentials(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", " ")));
    }

    @Test
    void aSnapStartFunctionGetsTheRoleCredentialsFromTheContainerEndpointWithItsToken() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        String expiration = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/2021-04-23/credentials", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = ("{\"AccessKeyId\":\"ASIAFROMCONTAINER000\",\"SecretAccessKey\":\"secret\",\"Token\":\"session\","
                    + "\"Expiration\":\"" + expiration + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
        String uri = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/2021-04-23/credentials";
        // the SDK reads these two from system properties before the environment (SdkSystemSetting)
        System.setProperty("aws.containerCredentialsFullUri", uri);
        System.setProperty("aws.containerAuthorizationToken", "lambda-issued-token");
        try {
            AwsCredentialsProvider provider = AwsClients.credentials(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri));
            AwsCredentials credentials = provider.resolveCredentials();
            assertEquals("ASIAFROMCONTAINER000", credentials.accessKeyId());
            assertEquals("session", assertInstanceOf(AwsSessionCredentials.class, credentials).sessionToken());
            assertEquals(List.of("lambda-issued-token"), authorizations);
            provider.resolveCredentials();
            assertEquals(1, authorizations.size(), "held until they near their expiry, not fetched per call");
        } finally {
            System.clearProperty("aws.containerCredentialsFullUri");
            System.clearProperty("aws.containerAuthorizationToken");
            endpoint.stop(0);
        }
    }
}
