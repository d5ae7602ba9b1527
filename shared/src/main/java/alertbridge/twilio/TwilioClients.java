package alertbridge.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the {@link TwilioRestClient} a container uses (never {@code Twilio.init}: no global state).
 * The connection pool allows as many parallel requests as there can be callees, so the fan-out is not
 * serialised by the pool. Timeouts are well under API Gateway's 29 s.
 */
public final class TwilioClients {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long one create request may wait for Twilio's answer. */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

    private TwilioClients() {
    }

    /**
     * @param apiBaseOverride send the SDK's requests to this base (scheme, host, port) instead of
     *                        {@code https://api.twilio.com}: a local Twilio stand-in. Empty in production.
     */
    public static TwilioRestClient create(String accountSid, String authToken, Optional<URI> apiBaseOverride, int maxParallel,
                                          Duration responseTimeout) {
        Timeout connect = Timeout.of(CONNECT_TIMEOUT);
        Timeout response = Timeout.of(responseTimeout);
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(maxParallel)
                .setMaxConnTotal(maxParallel)
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(response).setSoKeepAlive(true).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(response)
                        .setTimeToLive(5, TimeUnit.MINUTES)
                        .build())
                .build();
        RequestConfig requestConfig = RequestConfig.custom()
                .setConnectionRequestTimeout(connect)
                .setResponseTimeout(response)
                .build();
        HttpClientBuilder http = HttpClientBuilder.create()
                .setConnectionManager(pool)
                .disableAutomaticRetries()
                // The SDK stamps its own request config (30 s connect timeout) on every request; ours wins here.
                .addExecInterceptorFirst("alertbridge-timeouts", (request, scope, chain) -> {
                    scope.clientContext.setRequestConfig(requestConfig);
                    return chain.proceed(request, scope);
                });
        apiBaseOverride.ifPresent(base -> http.setRoutePlanner(fixedRoute(base)));
        return new TwilioRestClient.Builder(accountSid, authToken)
                .httpClient(new SingleTryHttpClient(http))
                .build();
    }

    /**
     * A client that follows credential rotation: rebuilt when the account SID or auth token read from SSM
     * changes, otherwise the same client (and connection pool) for every request of the container.
     */
    public static Supplier<TwilioRestClient> following(Supplier<String> accountSid, Supplier<String> authToken,
                                                       Optional<URI> apiBaseOverride, int maxParallel) {
        return new Supplier<>() {
            private String builtFor;
            private TwilioRestClient client;

            @Override
            public synchronized TwilioRestClient get() {
                String sid = accountSid.get();
                String token = authToken.get();
                String key = sid + "\n" + token;
                if (!key.equals(builtFor)) {
                    client = create(sid, token, apiBaseOverride, maxParallel, RESPONSE_TIMEOUT);
                    builtFor = key;
                }
                return client;
            }
        };
    }

    private static HttpRoutePlanner fixedRoute(URI base) {
        HttpHost host = new HttpHost(base.getScheme(), base.getHost(), base.getPort());
        return (target, context) -> new HttpRoute(host);
    }

    /**
     * The SDK retries every 5xx three times on its own (100 ms apart); {@link TwilioDialer} owns the retry policy
     * (429 and 5xx, exponential backoff with jitter), so here each request is sent exactly once.
     */
    static final class SingleTryHttpClient extends NetworkHttpClient {
        SingleTryHttpClient(HttpClientBuilder builder) {
            super(builder);
        }

        @Override
        public Response reliableRequest(Request request) {
            return makeRequest(request);
        }
    }
}
