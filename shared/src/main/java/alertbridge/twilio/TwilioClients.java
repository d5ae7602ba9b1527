package alertbridge.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.routing.HttpRoutePlanner;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the one {@link TwilioRestClient} a container uses (never {@code Twilio.init}: no global state).
 * The connection pool allows as many parallel requests as there can be callees, so the fan-out is not
 * serialised by the pool. Timeouts are well under API Gateway's 29 s.
 */
public final class TwilioClients {
    static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(5);
    static final Timeout SOCKET_TIMEOUT = Timeout.ofSeconds(10);

    private TwilioClients() {
    }

    /**
     * @param apiBaseOverride send the SDK's requests to this base (scheme, host, port) instead of
     *                        {@code https://api.twilio.com}: the local Twilio simulator. Empty in production.
     */
    public static TwilioRestClient create(String accountSid, String authToken, Optional<URI> apiBaseOverride, int maxParallel) {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(maxParallel)
                .setMaxConnTotal(maxParallel)
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(SOCKET_TIMEOUT).setSoKeepAlive(true).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(CONNECT_TIMEOUT)
                        .setSocketTimeout(SOCKET_TIMEOUT)
                        .setTimeToLive(5, TimeUnit.MINUTES)
                        .build())
                .build();
        HttpClientBuilder http = HttpClientBuilder.create().setConnectionManager(pool).disableAutomaticRetries();
        apiBaseOverride.ifPresent(base -> http.setRoutePlanner(fixedRoute(base)));
        return new TwilioRestClient.Builder(accountSid, authToken)
                .httpClient(new SingleTryHttpClient(http))
                .build();
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

    private static HttpRoutePlanner fixedRoute(URI base) {
        HttpHost host = new HttpHost(base.getScheme(), base.getHost(), base.getPort());
        return (target, context) -> new HttpRoute(host);
    }
}
