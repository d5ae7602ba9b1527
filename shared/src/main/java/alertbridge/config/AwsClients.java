package alertbridge.config;

import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * AWS SDK clients for a Lambda container, built once in the init phase: URL-connection HTTP client (no Apache,
 * no Netty), region and credentials from the Lambda environment, no provider-chain probing.
 * Endpoints can be pointed at local stand-ins with the SDK's own {@code AWS_ENDPOINT_URL_DYNAMODB} /
 * {@code AWS_ENDPOINT_URL_SSM} environment variables.
 */
public final class AwsClients {
    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(region())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .build();
    }

    public static SsmClient ssm() {
        return SsmClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(region())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .build();
    }

    public static SqsClient sqs() {
        return SqsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(region())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .build();
    }

    private static Region region() {
        String region = System.getenv("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("AWS_REGION is not set (Lambda always sets it)");
        }
        return Region.of(region);
    }
}
