package alertbridge.snapstart;

import alertbridge.config.AwsClients;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * AWS SDK clients whose HTTP client answers from memory. A call on them is marshalled, signed (with dummy
 * credentials), "sent" and its answer unmarshalled exactly as on a real client, but no socket is ever opened: priming
 * walks the SDK's whole request path and nothing can reach DynamoDB, SQS or SSM. The answers are the smallest valid
 * ones: DynamoDB and SSM find nothing, SQS accepts the message.
 */
final class OfflineAws implements SdkHttpClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StaticCredentialsProvider DUMMY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAPRIMINGONLY00000", "priming-only-never-sent"));

    private final AtomicInteger requests = new AtomicInteger();

    static DynamoDbClient dynamoDb(OfflineAws http) {
        return offline(DynamoDbClient.builder(), http).build();
    }

    /**
     * {@code builder} answered by {@code http}, with dummy credentials. Each service's client is built in the class
     * that primes it ({@link SqsPriming}, {@link SsmPriming}), so a function without that service's jar never loads it.
     */
    static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>
            & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, ?>> B offline(B builder, OfflineAws http) {
        return builder.httpClient(http).region(region()).credentialsProvider(DUMMY).overrideConfiguration(AwsClients.timeouts());
    }

    /** How many requests were "sent" (all of them answered from memory). */
    int requests() {
        return requests.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                requests.incrementAndGet();
                String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
                byte[] body = answer(target, request.contentStreamProvider().map(p -> read(p.newStream())).orElse(new byte[0]));
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200)
                                .putHeader("Content-Type", "application/x-amz-json-1.0")
                                .putHeader("x-amzn-RequestId", "snapstart-priming")
                                .putHeader("Content-Length", Integer.toString(body.length))
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    private static byte[] answer(String target, byte[] requestBody) {
        String json;
        if (target.endsWith(".GetParameters")) {
            json = "{\"Parameters\":[],\"InvalidParameters\":[]}";
        } else if (target.endsWith(".SendMessage")) {
            // the SDK checks the body's MD5 against the answer's
            json = "{\"MessageId\":\"00000000-0000-0000-0000-000000000000\",\"MD5OfMessageBody\":\"" + md5(messageBody(requestBody)) + "\"}";
        } else if (target.endsWith(".Query")) {
            json = "{\"Items\":[],\"Count\":0,\"ScannedCount\":0}";
        } else {
            json = "{}"; // GetItem (no item), PutItem, UpdateItem, DeleteItem
        }
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String messageBody(byte[] requestBody) {
        try {
            return JSON.readTree(requestBody).path("MessageBody").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Region region() {
        String region = System.getenv("AWS_REGION");
        return Region.of(region == null || region.isBlank() ? "us-east-1" : region);
    }

    @Override
    public String clientName() {
        return "alertbridge-offline";
    }

    @Override
    public void close() {
    }
}
