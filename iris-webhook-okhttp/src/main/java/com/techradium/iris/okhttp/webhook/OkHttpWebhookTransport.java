package com.techradium.iris.okhttp.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.techradium.iris.core.internal.BuilderChecks;
import com.techradium.iris.webhook.spi.AddressPolicy;
import com.techradium.iris.webhook.spi.Cidr;
import com.techradium.iris.webhook.spi.TransportResult;
import com.techradium.iris.webhook.spi.WebhookRequest;
import com.techradium.iris.webhook.spi.WebhookTransport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * The webhook transport on OkHttp, with the SSRF guard on by default: every address a host resolves
 * to is checked ({@link AddressPolicy}: loopback, private, link-local, CGNAT, multicast, metadata
 * and reserved ranges refused) and every socket checks its address again as it connects, so DNS
 * rebinding and IP literals cannot get past it. Redirects are not followed (a 3xx is a failed
 * attempt); OkHttp's own retries are off (the dispatcher retries on its schedule).
 *
 * <pre>{@code
 * WebhookTransport transport = OkHttpWebhookTransport.create();          // strict guard, defaults
 * WebhookTransport forTests = OkHttpWebhookTransport.builder()
 *     .allowNetworks("127.0.0.0/8")                                     // a loopback receiver
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe. Shares one connection pool and dispatcher across endpoints (one OkHttp client per
 * distinct endpoint allow-list). A client passed to {@link Builder#client} stays its owner's.
 */
public final class OkHttpWebhookTransport implements WebhookTransport {
  private static final MediaType JSON = MediaType.get("application/json");

  /** The default {@link Builder#idleConnections}. */
  public static final int DEFAULT_IDLE_CONNECTIONS = 32;

  private final OkHttpClient base;
  private final Dns dns;
  private final AddressPolicy policy;
  private final Map<List<Cidr>, OkHttpClient> clients = new ConcurrentHashMap<>();

  private static final int MAX_URLS = 10_000;

  /**
   * Endpoint URLs as OkHttp parsed them: parsing (with the host's IDN mapping) was a tenth of the
   * transport's CPU per attempt. At most {@value #MAX_URLS}.
   */
  private final Cache<URI, HttpUrl> urls = Caffeine.newBuilder().maximumSize(MAX_URLS).build();

  private OkHttpWebhookTransport(Builder b) {
    this.policy = b.policy;
    this.dns = b.dns;
    OkHttpClient.Builder client =
        b.client != null
            ? b.client.newBuilder()
            : new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(b.idleConnections, 5, TimeUnit.MINUTES));
    client
        .connectTimeout(b.connectTimeout)
        .readTimeout(b.readTimeout)
        .writeTimeout(b.readTimeout)
        .callTimeout(b.callTimeout)
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false);
    this.base = client.build();
  }

  /**
   * A transport with the defaults of {@link Builder}: strict SSRF guard, its own connection pool,
   * timeouts of 5 s (connect), 15 s (read) and 30 s (whole attempt).
   *
   * @return a new transport, owning its OkHttp client
   */
  public static OkHttpWebhookTransport create() {
    return builder().build();
  }

  /**
   * Starts configuring a transport.
   *
   * @return a new builder with every part at its default
   */
  public static Builder builder() {
    return new Builder();
  }

  private OkHttpClient clientFor(List<Cidr> endpointCidrs) {
    return clients.computeIfAbsent(
        endpointCidrs,
        cidrs ->
            base.newBuilder()
                .dns(new GuardedDns(dns, policy, cidrs))
                .socketFactory(new GuardedSocketFactory(policy, cidrs))
                .build());
  }

  @Override
  public TransportResult send(WebhookRequest request) {
    Objects.requireNonNull(request, "request");
    Request.Builder http =
        new Request.Builder()
            .url(urls.get(request.url(), url -> HttpUrl.get(url.toString())))
            .post(RequestBody.create(request.body(), JSON));
    request.headers().forEach(http::header);
    long start = System.nanoTime();
    try (Response response = clientFor(request.allowedCidrs()).newCall(http.build()).execute()) {
      String excerpt = excerpt(response.body());
      long latency = millisSince(start);
      int code = response.code();
      String note = response.isRedirect() ? "redirect not followed" : null;
      Duration retryAfter =
          code == 429 || code == 503 ? retryAfter(response.header("Retry-After")) : null;
      return new TransportResult(code, latency, note, excerpt, retryAfter);
    } catch (InterruptedIOException e) {
      return TransportResult.failed("timed out: " + describe(e), millisSince(start));
    } catch (IOException e) {
      return TransportResult.failed(describe(e), millisSince(start));
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static @Nullable String excerpt(ResponseBody body) throws IOException {
    var source = body.source();
    source.request(TransportResult.MAX_EXCERPT * 4L);
    long available = Math.min(source.getBuffer().size(), TransportResult.MAX_EXCERPT * 4L);
    if (available == 0) {
      return null;
    }
    String text = source.getBuffer().snapshot((int) available).string(StandardCharsets.UTF_8);
    return text.length() > TransportResult.MAX_EXCERPT
        ? text.substring(0, TransportResult.MAX_EXCERPT)
        : text;
  }

  /** {@code Retry-After} as seconds or an HTTP date; null if absent or unreadable. */
  static @Nullable Duration retryAfter(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration until = Duration.between(java.time.Instant.now(), at.toInstant());
        return until.isNegative() ? Duration.ZERO : until;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Override
  public String toString() {
    return "OkHttpWebhookTransport[" + policy + "]";
  }

  /** Configures an {@link OkHttpWebhookTransport}. Each part set once; not thread-safe. */
  public static final class Builder {
    private @Nullable OkHttpClient client;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private boolean connectTimeoutSet;
    private Duration readTimeout = Duration.ofSeconds(15);
    private boolean readTimeoutSet;
    private Duration callTimeout = Duration.ofSeconds(30);
    private boolean callTimeoutSet;
    private AddressPolicy policy = AddressPolicy.strict();
    private boolean policySet;
    private Dns dns = Dns.SYSTEM;
    private boolean dnsSet;
    private int idleConnections = DEFAULT_IDLE_CONNECTIONS;
    private boolean idleConnectionsSet;

    private Builder() {}

    /**
     * A client to start from (its pool, dispatcher, TLS settings); its redirect, retry, timeout,
     * DNS and socket settings are replaced. Default: a new client.
     *
     * @param client the host's client; never closed or shut down by the transport
     * @return this builder
     * @throws NullPointerException if {@code client} is null
     * @throws IllegalStateException if a client was already set
     */
    public Builder client(OkHttpClient client) {
      this.client = BuilderChecks.setOnce("client", this.client, client);
      return this;
    }

    /**
     * How long connecting (TCP and TLS) may take. Default 5 s.
     *
     * @param timeout at least 1 ms
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is below 1 ms
     * @throws IllegalStateException if the connect timeout was already set
     */
    public Builder connectTimeout(Duration timeout) {
      BuilderChecks.positive("connectTimeout", timeout);
      connectTimeoutSet = BuilderChecks.markSet("connectTimeout", connectTimeoutSet);
      this.connectTimeout = timeout;
      return this;
    }

    /**
     * How long the receiver may go silent while answering (also the write timeout). Default 15 s.
     *
     * @param timeout at least 1 ms
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is below 1 ms
     * @throws IllegalStateException if the read timeout was already set
     */
    public Builder readTimeout(Duration timeout) {
      BuilderChecks.positive("readTimeout", timeout);
      readTimeoutSet = BuilderChecks.markSet("readTimeout", readTimeoutSet);
      this.readTimeout = timeout;
      return this;
    }

    /**
     * How long a whole attempt may take, from resolving the host to reading the response. Default
     * 30 s.
     *
     * @param timeout at least 1 ms
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is below 1 ms
     * @throws IllegalStateException if the call timeout was already set
     */
    public Builder callTimeout(Duration timeout) {
      BuilderChecks.positive("callTimeout", timeout);
      callTimeoutSet = BuilderChecks.markSet("callTimeout", callTimeoutSet);
      this.callTimeout = timeout;
      return this;
    }

    /**
     * Networks exempted from the SSRF guard, in CIDR notation (e.g. {@code 127.0.0.0/8} for a
     * loopback receiver in tests, or a partner's private network). Default: none.
     *
     * @param cidrs the exempted networks, such as {@code 10.1.0.0/16} or {@code fd00::/8}
     * @return this builder
     * @throws NullPointerException if {@code cidrs} is null
     * @throws IllegalArgumentException naming a network that is not CIDR notation
     * @throws IllegalStateException if the allowed networks were already set
     */
    public Builder allowNetworks(String... cidrs) {
      Objects.requireNonNull(cidrs, "cidrs");
      policySet = BuilderChecks.markSet("allowNetworks", policySet);
      this.policy =
          AddressPolicy.allowing(java.util.Arrays.stream(cidrs).map(Cidr::parse).toList());
      return this;
    }

    /**
     * How many idle keep-alive connections the transport's own pool keeps (for 5 minutes each), so
     * that deliveries running concurrently to one receiver reuse connections instead of opening one
     * per attempt: about the webhook queue's concurrency. 1 to 1,000; default {@value
     * #DEFAULT_IDLE_CONNECTIONS}. Not used with {@link #client}, whose pool stays its owner's.
     *
     * @param max the most idle connections kept, 1 to 1,000
     * @return this builder
     * @throws IllegalArgumentException if {@code max} is outside 1 to 1,000
     * @throws IllegalStateException if the idle connections were already set
     */
    public Builder idleConnections(int max) {
      int checked = BuilderChecks.inRange("idleConnections", max, 1, 1000);
      idleConnectionsSet = BuilderChecks.markSet("idleConnections", idleConnectionsSet);
      this.idleConnections = checked;
      return this;
    }

    /**
     * The resolver whose answers the guard checks. Default {@link Dns#SYSTEM}.
     *
     * @param dns the resolver; every address it returns still passes the SSRF guard
     * @return this builder
     * @throws NullPointerException if {@code dns} is null
     * @throws IllegalStateException if the resolver was already set
     */
    public Builder dns(Dns dns) {
      Objects.requireNonNull(dns, "dns");
      dnsSet = BuilderChecks.markSet("dns", dnsSet);
      this.dns = dns;
      return this;
    }

    /**
     * Builds the transport.
     *
     * @return a new transport; thread-safe, to be shared by every dispatcher of the process
     * @throws IllegalStateException if both {@link #client} and {@link #idleConnections} were set
     */
    public OkHttpWebhookTransport build() {
      if (client != null && idleConnectionsSet) {
        throw new IllegalStateException(
            "idleConnections sizes the transport's own pool; size the pool of the given client");
      }
      return new OkHttpWebhookTransport(this);
    }
  }
}
