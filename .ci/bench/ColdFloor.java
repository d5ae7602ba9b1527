import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.security.RequestValidator;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Say;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpHost;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;

/**
 * The floor of a cold alert: exactly the library work one alert needs and nothing of ours, in a fresh JVM, so the
 * cold benchmark (.ci/bench/cold_start.py) can say how far each function is above what the libraries cost:
 * <ol>
 *   <li>one API Gateway event parsed (Jackson into the Lambda events type, as the Lambda runtime does);</li>
 *   <li>one SSM read (the Twilio credentials, caller number and alert tokens, decrypted);</li>
 *   <li>one DynamoDB write (the incident);</li>
 *   <li>one Twilio call create (the Twilio SDK, sent to the local stand-in the way our TwilioClients does);</li>
 *   <li>TwiML rendered (the SDK's builders: a Gather with the spoken alert);</li>
 *   <li>one Twilio signature checked (the SDK's RequestValidator);</li>
 *   <li>the answer written as JSON (as the runtime serialises a handler's response).</li>
 * </ol>
 * Clients as a lean Lambda function builds them: URL-connection HTTP client, region and credentials from the
 * environment, endpoints from {@code AWS_ENDPOINT_URL_SSM} / {@code AWS_ENDPOINT_URL_DYNAMODB}. Not shipped in any
 * function.
 *
 * usage: java -cp <AlertFunction build>:<AlertFunction build>/lib/* ColdFloor <event.json> <twilio port>
 */
public class ColdFloor {
    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        APIGatewayProxyRequestEvent event = json.readValue(Files.readString(Path.of(args[0])), APIGatewayProxyRequestEvent.class);
        Region region = Region.of(env.get("AWS_REGION"));

        SsmClient ssm = SsmClient.builder().region(region).httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build();
        Map<String, String> secrets = new java.util.HashMap<>();
        for (Parameter p : ssm.getParameters(b -> b.withDecryption(true).names(env.get("TWILIO_ACCOUNT_SID_PARAM"),
                env.get("TWILIO_AUTH_TOKEN_PARAM"), env.get("TWILIO_CALLER_NUMBER_PARAM"), env.get("ALERT_TOKENS_PARAM"))).parameters()) {
            secrets.put(p.name(), p.value());
        }
        String sid = secrets.get(env.get("TWILIO_ACCOUNT_SID_PARAM"));
        String token = secrets.get(env.get("TWILIO_AUTH_TOKEN_PARAM"));
        String caller = secrets.get(env.get("TWILIO_CALLER_NUMBER_PARAM"));

        DynamoDbClient dynamo = DynamoDbClient.builder().region(region).httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build();
        String incident = "floor-" + System.nanoTime();
        dynamo.putItem(b -> b.tableName(env.get("TABLE_NAME")).item(Map.of(
                "pk", AttributeValue.fromS("INCIDENT#" + incident), "sk", AttributeValue.fromS("META"),
                "type", AttributeValue.fromS("incident"), "message", AttributeValue.fromS(String.valueOf(event.getBody()))))
                .conditionExpression("attribute_not_exists(pk)"));

        HttpHost twilioHost = new HttpHost("http", "127.0.0.1", Integer.parseInt(args[1]));
        TwilioRestClient twilio = new TwilioRestClient.Builder(sid, token).httpClient(new NetworkHttpClient(
                HttpClientBuilder.create().setRoutePlanner((target, context) -> new HttpRoute(twilioHost)))).build();
        URI answerUrl = URI.create("https://example.execute-api.us-east-1.amazonaws.com/Prod/join_conference?incident=" + incident);
        Call call = Call.creator(new PhoneNumber("+818012345601"), new PhoneNumber(caller), answerUrl)
                .setStatusCallback(URI.create("https://example.execute-api.us-east-1.amazonaws.com/Prod/call_status"))
                .setStatusCallbackEvent(List.of("initiated", "ringing", "answered", "completed"))
                .setTimeout(30).create(twilio);

        String twiml = new VoiceResponse.Builder().gather(new Gather.Builder().numDigits(1).action(answerUrl)
                .say(new Say.Builder("Alert: database primary is down. Press any key to join the bridge.").build()).build())
                .build().toXml();

        Map<String, String> params = Map.of("CallSid", call.getSid(), "Digits", "1", "To", "+818012345601");
        boolean signed = new RequestValidator(token).validate(answerUrl.toString(), params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ=");

        System.out.println("RESPONSE " + new ObjectMapper().writeValueAsString(Map.of("statusCode", 202, "callSid", call.getSid(),
                "twimlLength", twiml.length(), "signatureValid", signed)));
    }
}
