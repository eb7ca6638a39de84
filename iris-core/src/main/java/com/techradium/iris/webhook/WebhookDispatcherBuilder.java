package com.techradium.iris.webhook;

import com.techradium.iris.core.IrisContext;
import com.techradium.iris.core.TenantDirectory;
import com.techradium.iris.core.internal.BuilderChecks;
import com.techradium.iris.core.internal.ContextParts;
import com.techradium.iris.webhook.spi.WebhookStore;
import com.techradium.iris.webhook.spi.WebhookTransport;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKey;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link WebhookDispatcher}. Store, transport and secret key are required; every other
 * part has the default its setter documents.
 *
 * <p>Each part can be set once: a second call is an {@link IllegalStateException} ("{@code <part>
 * was already set}"). Each setter validates its argument. Building writes nothing and starts
 * nothing: it registers the delivery handler on the context's {@linkplain
 * IrisContext#deferredWork() deferred work}, which the context's job queue runs. Not thread-safe.
 */
public final class WebhookDispatcherBuilder {
  /** The default payload limit: 256 KiB. */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 256 * 1024;

  /** The largest payload limit: 10 MiB. */
  public static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

  @Nullable WebhookStore store;
  @Nullable WebhookTransport transport;
  @Nullable SecretKey secretKey;
  final Map<String, EventType> eventTypes = new LinkedHashMap<>();
  RetrySchedule retrySchedule = RetrySchedule.defaults();
  private boolean retryScheduleSet;
  int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
  private boolean maxPayloadBytesSet;
  boolean allowHttp;
  private boolean allowHttpSet;
  Duration autoDisableAfter = Duration.ofHours(24);
  private boolean autoDisableAfterSet;
  int autoDisableAfterFailures;
  private boolean autoDisableAfterFailuresSet;
  EndpointDisabledListener listener = EndpointDisabledListener.NONE;
  private boolean listenerSet;
  String queue = "webhooks";
  private boolean queueSet;
  Duration retention = Duration.ofDays(30);
  private boolean retentionSet;
  private final ContextParts contextParts = new ContextParts("clock and tenants");

  WebhookDispatcherBuilder() {
    for (EventType type : DefaultEventTypes.ALL) {
      eventTypes.put(type.name(), type);
    }
  }

  /**
   * The shared context: its clock and tenant directory count as set here, and deliveries run as
   * jobs of its job queue. Default: a private context from {@link #clock} and {@link #tenants},
   * whose deliveries run only if a job queue is built on it.
   *
   * @param context the shared context
   * @return this builder
   */
  public WebhookDispatcherBuilder context(IrisContext context) {
    contextParts.context(context);
    return this;
  }

  IrisContext context() {
    return contextParts.resolve();
  }

  /**
   * The time source. Default: the system clock in UTC.
   *
   * @param clock the clock
   * @return this builder
   */
  public WebhookDispatcherBuilder clock(Clock clock) {
    contextParts.clock(clock);
    return this;
  }

  /**
   * The tenants that exist. Default {@link TenantDirectory#acceptingAll()}.
   *
   * @param tenants the tenant directory
   * @return this builder
   */
  public WebhookDispatcherBuilder tenants(TenantDirectory tenants) {
    contextParts.tenants(tenants);
    return this;
  }

  /**
   * Where endpoints, events and deliveries are kept. Required.
   *
   * @param store the webhook store
   * @return this builder
   */
  public WebhookDispatcherBuilder store(WebhookStore store) {
    this.store = BuilderChecks.setOnce("store", this.store, store);
    return this;
  }

  /**
   * How deliveries are POSTed, e.g. {@code OkHttpWebhookTransport.create()}. Required.
   *
   * @param transport the transport
   * @return this builder
   */
  public WebhookDispatcherBuilder transport(WebhookTransport transport) {
    this.transport = BuilderChecks.setOnce("transport", this.transport, transport);
    return this;
  }

  /**
   * The AES-256 key that seals endpoint signing secrets at rest (they must be recoverable to sign,
   * so they are encrypted rather than hashed). Keep it out of the database, e.g. in a KMS or the
   * host's secret store. Required.
   *
   * @param key the AES-256 key
   * @return this builder
   * @throws IllegalArgumentException if it is not a 32-byte AES key
   */
  public WebhookDispatcherBuilder secretKey(SecretKey key) {
    Objects.requireNonNull(key, "secretKey");
    byte[] encoded = key.getEncoded();
    if (!"AES".equals(key.getAlgorithm()) || encoded == null || encoded.length != 32) {
      throw new IllegalArgumentException("secretKey must be a 256-bit AES key");
    }
    this.secretKey = BuilderChecks.setOnce("secretKey", this.secretKey, key);
    return this;
  }

  /**
   * Adds an event type to the 17 defaults.
   *
   * @param type the event type
   * @return this builder
   * @throws IllegalStateException if a type of that name exists
   * @throws IllegalArgumentException if its name is not dotted lower case or its schema is not a
   *     JSON Schema
   */
  public WebhookDispatcherBuilder eventType(EventType type) {
    Objects.requireNonNull(type, "eventType");
    if (!type.name().matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+")
        || type.name().length() > 100) {
      throw new IllegalArgumentException(
          "eventType name must be dotted lower case, e.g. order.paid, got " + type.name());
    }
    EventCatalog.compile(type);
    if (eventTypes.putIfAbsent(type.name(), type) != null) {
      throw BuilderChecks.duplicate("event type", type.name());
    }
    return this;
  }

  /**
   * The retry schedule of endpoints that set none. Default {@link RetrySchedule#defaults()}.
   *
   * @param schedule the default retry schedule
   * @return this builder
   */
  public WebhookDispatcherBuilder retrySchedule(RetrySchedule schedule) {
    Objects.requireNonNull(schedule, "retrySchedule");
    retryScheduleSet = BuilderChecks.markSet("retrySchedule", retryScheduleSet);
    this.retrySchedule = schedule;
    return this;
  }

  /**
   * The largest payload {@code publish} accepts, 1 byte to 10 MiB. Default 256 KiB.
   *
   * @param bytes the largest payload, in bytes
   * @return this builder
   */
  public WebhookDispatcherBuilder maxPayloadBytes(int bytes) {
    BuilderChecks.inRange("maxPayloadBytes", bytes, 1, MAX_PAYLOAD_BYTES);
    maxPayloadBytesSet = BuilderChecks.markSet("maxPayloadBytes", maxPayloadBytesSet);
    this.maxPayloadBytes = bytes;
    return this;
  }

  /**
   * Whether endpoint URLs may use plain {@code http}. Default false: {@code https} only.
   *
   * @param allow true to allow plain HTTP
   * @return this builder
   */
  public WebhookDispatcherBuilder allowHttp(boolean allow) {
    allowHttpSet = BuilderChecks.markSet("allowHttp", allowHttpSet);
    this.allowHttp = allow;
    return this;
  }

  /**
   * An endpoint whose attempts have all failed for this long is disabled. Default 24 hours.
   *
   * @param failingFor how long an endpoint may fail
   * @return this builder
   */
  public WebhookDispatcherBuilder autoDisableAfter(Duration failingFor) {
    BuilderChecks.positive("autoDisableAfter", failingFor);
    autoDisableAfterSet = BuilderChecks.markSet("autoDisableAfter", autoDisableAfterSet);
    this.autoDisableAfter = failingFor;
    return this;
  }

  /**
   * An endpoint is also disabled after this many failed attempts in a row, 1 to 1,000,000. Default:
   * no count (only {@link #autoDisableAfter} applies).
   *
   * @param failures the failed attempts in a row
   * @return this builder
   */
  public WebhookDispatcherBuilder autoDisableAfterFailures(int failures) {
    BuilderChecks.inRange("autoDisableAfterFailures", failures, 1, 1_000_000);
    autoDisableAfterFailuresSet =
        BuilderChecks.markSet("autoDisableAfterFailures", autoDisableAfterFailuresSet);
    this.autoDisableAfterFailures = failures;
    return this;
  }

  /**
   * Told when the dispatcher disables an endpoint. Default {@link EndpointDisabledListener#NONE}.
   *
   * @param listener the listener
   * @return this builder
   */
  public WebhookDispatcherBuilder listener(EndpointDisabledListener listener) {
    Objects.requireNonNull(listener, "listener");
    listenerSet = BuilderChecks.markSet("listener", listenerSet);
    this.listener = listener;
    return this;
  }

  /**
   * The job queue deliveries run in. Default {@code webhooks}.
   *
   * @param queue the job queue's name
   * @return this builder
   */
  public WebhookDispatcherBuilder queue(String queue) {
    Objects.requireNonNull(queue, "queue");
    queueSet = BuilderChecks.markSet("queue", queueSet);
    this.queue = queue;
    return this;
  }

  /**
   * How long events are kept once none of their deliveries is pending: the nightly chore {@code
   * webhook-retention} deletes older ones with their deliveries and attempts. 1 hour to 10 years.
   * Default 30 days.
   *
   * @param retention how long finished events are kept
   * @return this builder
   */
  public WebhookDispatcherBuilder retention(Duration retention) {
    Objects.requireNonNull(retention, "retention");
    if (retention.compareTo(Duration.ofHours(1)) < 0
        || retention.compareTo(Duration.ofDays(3650)) > 0) {
      throw new IllegalArgumentException(
          "retention must be between 1 hour and 3650 days, got " + retention);
    }
    retentionSet = BuilderChecks.markSet("retention", retentionSet);
    this.retention = retention;
    return this;
  }

  /**
   * The dispatcher. Writes nothing and starts nothing.
   *
   * @return the dispatcher
   * @throws IllegalStateException if store, transport or secret key is missing
   */
  public WebhookDispatcher build() {
    if (store == null) {
      throw new IllegalStateException("WebhookDispatcher needs a store: builder().store(...)");
    }
    if (transport == null) {
      throw new IllegalStateException(
          "WebhookDispatcher needs a transport: builder().transport(...)");
    }
    if (secretKey == null) {
      throw new IllegalStateException(
          "WebhookDispatcher needs a key to seal endpoint secrets: builder().secretKey(...)");
    }
    return new WebhookDispatcher(this);
  }
}
