package com.techradium.iris.jdbc.webhook;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_WEBHOOK_ATTEMPTS;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_WEBHOOK_DELIVERIES;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_WEBHOOK_ENDPOINTS;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_WEBHOOK_EVENTS;

import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.internal.JdbcContext;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisWebhookEndpointsRecord;
import com.techradium.iris.webhook.Delivery;
import com.techradium.iris.webhook.DeliveryAttempt;
import com.techradium.iris.webhook.DeliveryQuery;
import com.techradium.iris.webhook.DeliveryStatus;
import com.techradium.iris.webhook.Endpoint;
import com.techradium.iris.webhook.WebhookEvent;
import com.techradium.iris.webhook.WebhookHealth;
import com.techradium.iris.webhook.spi.AttemptBatches;
import com.techradium.iris.webhook.spi.AttemptTarget;
import com.techradium.iris.webhook.spi.DeliveryCursors;
import com.techradium.iris.webhook.spi.DeliveryKey;
import com.techradium.iris.webhook.spi.EventBatches;
import com.techradium.iris.webhook.spi.SecretRing;
import com.techradium.iris.webhook.spi.StoredEndpoint;
import com.techradium.iris.webhook.spi.WebhookStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * The {@link WebhookStore} on PostgreSQL (migrations {@code V6__webhooks.sql} and V22). Every query
 * leads with {@code tenant_id}; {@link #health()} alone reads across tenants, on partial indexes.
 * The endpoint's failure streak moves in the same statement that reads it ({@code UPDATE ...
 * RETURNING}), so concurrent attempts never lose a count. Event payloads are kept as published, so
 * every attempt signs the same bytes. All work goes through {@link JdbcContext}, so inside a {@code
 * JdbcTransaction} a publish (event, deliveries) commits with the host. Thread-safe; the data
 * source stays the caller's.
 */
public final class JdbcWebhookStore implements WebhookStore {
  /**
   * Rows per multi-row {@code INSERT}: far below PostgreSQL's 65,535 bind parameters for the widest
   * table (13 columns).
   */
  static final int ROWS_PER_INSERT = 1000;

  private final JdbcContext db;

  private JdbcWebhookStore(JdbcContext db) {
    this.db = db;
  }

  /**
   * A store over a host-owned data source, which it never closes. Run {@code JdbcIris.migrate} on
   * it first.
   *
   * @param dataSource the migrated database; stays the caller's
   * @return the store, thread-safe
   * @throws NullPointerException if {@code dataSource} is null
   */
  public static JdbcWebhookStore of(DataSource dataSource) {
    return new JdbcWebhookStore(JdbcContext.of(Objects.requireNonNull(dataSource, "dataSource")));
  }

  private static Condition endpoint(TenantId tenant, UUID id) {
    return IRIS_WEBHOOK_ENDPOINTS
        .TENANT_ID
        .eq(tenant.value())
        .and(IRIS_WEBHOOK_ENDPOINTS.ID.eq(id));
  }

  private static Condition delivery(TenantId tenant, UUID id) {
    return IRIS_WEBHOOK_DELIVERIES
        .TENANT_ID
        .eq(tenant.value())
        .and(IRIS_WEBHOOK_DELIVERIES.ID.eq(id));
  }

  @Override
  public void insertEndpoint(StoredEndpoint endpoint) {
    IrisWebhookEndpointsRecord row = new IrisWebhookEndpointsRecord();
    WebhookRows.fill(row, endpoint.endpoint());
    WebhookRows.fill(row, endpoint.secrets());
    db.run(
        "insert webhook endpoint",
        dsl -> dsl.insertInto(IRIS_WEBHOOK_ENDPOINTS).set(row).execute());
  }

  @Override
  public boolean updateEndpoint(Endpoint endpoint) {
    IrisWebhookEndpointsRecord row = new IrisWebhookEndpointsRecord();
    WebhookRows.fill(row, endpoint);
    row.changed(IRIS_WEBHOOK_ENDPOINTS.TENANT_ID, false);
    row.changed(IRIS_WEBHOOK_ENDPOINTS.ID, false);
    row.changed(IRIS_WEBHOOK_ENDPOINTS.CREATED_AT, false);
    return db.call(
            "update webhook endpoint",
            dsl ->
                dsl.update(IRIS_WEBHOOK_ENDPOINTS)
                    .set(row)
                    .where(endpoint(endpoint.tenant(), endpoint.id()))
                    .execute())
        == 1;
  }

  @Override
  public boolean updateSecrets(TenantId tenant, UUID endpointId, SecretRing secrets, Instant now) {
    return db.call(
            "rotate webhook secret",
            dsl ->
                dsl.update(IRIS_WEBHOOK_ENDPOINTS)
                    .set(IRIS_WEBHOOK_ENDPOINTS.SECRET_CURRENT, secrets.current())
                    .set(IRIS_WEBHOOK_ENDPOINTS.SECRET_PREVIOUS, secrets.previous())
                    .set(IRIS_WEBHOOK_ENDPOINTS.SECRET_PREVIOUS_UNTIL, secrets.previousUntil())
                    .set(IRIS_WEBHOOK_ENDPOINTS.UPDATED_AT, now)
                    .where(endpoint(tenant, endpointId))
                    .execute())
        == 1;
  }

  @Override
  public Optional<Endpoint> disableEndpoint(
      TenantId tenant, UUID endpointId, String reason, Instant now) {
    return db.call(
        "disable webhook endpoint",
        dsl ->
            dsl.update(IRIS_WEBHOOK_ENDPOINTS)
                .set(IRIS_WEBHOOK_ENDPOINTS.ENABLED, false)
                .set(IRIS_WEBHOOK_ENDPOINTS.DISABLED_REASON, reason)
                .set(IRIS_WEBHOOK_ENDPOINTS.UPDATED_AT, now)
                .where(endpoint(tenant, endpointId).and(IRIS_WEBHOOK_ENDPOINTS.ENABLED.isTrue()))
                .returning()
                .fetchOptional()
                .map(WebhookRows::endpoint));
  }

  @Override
  public Optional<StoredEndpoint> getEndpoint(TenantId tenant, UUID endpointId) {
    return db.call(
        "get webhook endpoint",
        dsl ->
            dsl.selectFrom(IRIS_WEBHOOK_ENDPOINTS)
                .where(endpoint(tenant, endpointId))
                .fetchOptional()
                .map(WebhookRows::stored));
  }

  /** One plain JDBC statement ({@link EndpointColumns}): every publish lists the endpoints. */
  @Override
  public List<Endpoint> listEndpoints(TenantId tenant) {
    return db.call(
        "list webhook endpoints",
        dsl -> dsl.connectionResult(c -> EndpointColumns.listOf(c, tenant.value())));
  }

  @Override
  public boolean deleteEndpoint(TenantId tenant, UUID endpointId) {
    return db.inTransaction(
        "delete webhook endpoint",
        dsl -> {
          dsl.deleteFrom(IRIS_WEBHOOK_ATTEMPTS)
              .where(
                  IRIS_WEBHOOK_ATTEMPTS
                      .TENANT_ID
                      .eq(tenant.value())
                      .and(IRIS_WEBHOOK_ATTEMPTS.ENDPOINT_ID.eq(endpointId)))
              .execute();
          dsl.deleteFrom(IRIS_WEBHOOK_DELIVERIES)
              .where(
                  IRIS_WEBHOOK_DELIVERIES
                      .TENANT_ID
                      .eq(tenant.value())
                      .and(IRIS_WEBHOOK_DELIVERIES.ENDPOINT_ID.eq(endpointId)))
              .execute();
          return dsl.deleteFrom(IRIS_WEBHOOK_ENDPOINTS)
                  .where(endpoint(tenant, endpointId))
                  .execute()
              == 1;
        });
  }

  /**
   * One multi-row {@code INSERT} for the events and one for their deliveries (per {@value
   * #ROWS_PER_INSERT} rows), in one transaction ({@link WebhookWrites}: plain JDBC, no DSL
   * rendering per publish).
   */
  @Override
  public void insertEvents(List<WebhookEvent> events, List<Delivery> deliveries) {
    EventBatches.check(events, deliveries);
    db.inTransactionRun(
        "publish webhook events",
        dsl ->
            dsl.connection(
                c -> {
                  WebhookWrites.insertEvents(c, events);
                  WebhookWrites.insertDeliveries(c, deliveries);
                }));
  }

  /**
   * One transaction: the events, their deliveries and whatever {@code alongside} writes through
   * IRIS stores over the same data source (the delivery jobs) commit together or not at all.
   */
  @Override
  public void insertEvents(
      List<WebhookEvent> events, List<Delivery> deliveries, Runnable alongside) {
    EventBatches.check(events, deliveries);
    db.inSharedTransaction(
        "publish webhook events",
        () -> {
          insertEvents(events, deliveries);
          alongside.run();
          return null;
        });
  }

  @Override
  public Optional<WebhookEvent> getEvent(TenantId tenant, UUID eventId) {
    return db.call(
        "get webhook event",
        dsl ->
            dsl.selectFrom(IRIS_WEBHOOK_EVENTS)
                .where(
                    IRIS_WEBHOOK_EVENTS
                        .TENANT_ID
                        .eq(tenant.value())
                        .and(IRIS_WEBHOOK_EVENTS.ID.eq(eventId)))
                .fetchOptional()
                .map(WebhookRows::event));
  }

  @Override
  public Optional<Delivery> getDelivery(TenantId tenant, UUID deliveryId) {
    return db.call(
        "get webhook delivery",
        dsl ->
            dsl.selectFrom(IRIS_WEBHOOK_DELIVERIES)
                .where(delivery(tenant, deliveryId))
                .fetchOptional()
                .map(WebhookRows::delivery));
  }

  /** One round trip: the delivery joined with its endpoint and its event. */
  @Override
  public Optional<AttemptTarget> loadAttempt(TenantId tenant, UUID deliveryId) {
    return loadAttempts(List.of(new DeliveryKey(tenant, deliveryId))).get(0);
  }

  /**
   * One round trip for all of them: the deliveries joined with their endpoints and events ({@link
   * AttemptReads}: plain JDBC).
   */
  @Override
  public List<Optional<AttemptTarget>> loadAttempts(List<DeliveryKey> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    Map<DeliveryKey, AttemptTarget> found = new HashMap<>();
    db.call(
            "load webhook delivery attempts",
            dsl -> dsl.connectionResult(c -> AttemptReads.load(c, keys)))
        .forEach(t -> found.put(new DeliveryKey(t.delivery().tenant(), t.delivery().id()), t));
    return keys.stream().map(k -> Optional.ofNullable(found.get(k))).toList();
  }

  @Override
  public Page<Delivery> listDeliveries(TenantId tenant, DeliveryQuery query, PageRequest page) {
    Optional<UUID> after = DeliveryCursors.start(page);
    List<Condition> where = new ArrayList<>();
    where.add(IRIS_WEBHOOK_DELIVERIES.TENANT_ID.eq(tenant.value()));
    after.ifPresent(id -> where.add(IRIS_WEBHOOK_DELIVERIES.ID.lt(id)));
    if (query.endpointId() != null) {
      where.add(IRIS_WEBHOOK_DELIVERIES.ENDPOINT_ID.eq(query.endpointId()));
    }
    if (query.eventType() != null) {
      where.add(IRIS_WEBHOOK_DELIVERIES.EVENT_TYPE.eq(query.eventType()));
    }
    if (query.status() != null) {
      where.add(IRIS_WEBHOOK_DELIVERIES.STATUS.eq(query.status().name()));
    }
    if (query.from() != null) {
      where.add(IRIS_WEBHOOK_DELIVERIES.CREATED_AT.ge(query.from()));
    }
    if (query.to() != null) {
      where.add(IRIS_WEBHOOK_DELIVERIES.CREATED_AT.lt(query.to()));
    }
    List<Delivery> fetched =
        db.call(
            "list webhook deliveries",
            dsl ->
                dsl.selectFrom(IRIS_WEBHOOK_DELIVERIES)
                    .where(where)
                    .orderBy(IRIS_WEBHOOK_DELIVERIES.ID.desc())
                    .limit(page.limit() + 1)
                    .fetch(WebhookRows::delivery));
    return Page.fromOverfetch(fetched, page.limit(), DeliveryCursors::after);
  }

  /**
   * One statement, so one round trip that commits on its own: the delivery's new state, the attempt
   * (only if the delivery still exists) and the endpoint's streak, as data-modifying CTEs. The
   * endpoint's row is written (and locked) only when the streak changes: a failure, or a success
   * clearing a streak; concurrent successful deliveries to one endpoint do not queue up behind each
   * other's row lock. The endpoint is read back from the update or, when nothing changed, from the
   * table.
   */
  @Override
  public Optional<Endpoint> recordAttempt(DeliveryAttempt attempt, Delivery delivery) {
    return db.inOneStatement(
        "record webhook attempt",
        dsl -> dsl.connectionResult(c -> WebhookWrites.recordAttempt(c, attempt, delivery)));
  }

  /**
   * One transaction for the batch (a single attempt is {@link #recordAttempt}, one statement): the
   * deliveries' new states as one JDBC batch of one prepared {@code UPDATE} (one round trip), the
   * attempts of the deliveries that still exist as one multi-row {@code INSERT} (both plain JDBC,
   * {@link WebhookWrites}), and per endpoint one {@code UPDATE ... RETURNING} of the streak's net
   * change over the batch (none for an endpoint whose attempts all succeeded and whose streak is
   * clear already: it is read instead).
   */
  @Override
  public List<Optional<Endpoint>> recordAttempts(
      List<DeliveryAttempt> attempts, List<Delivery> deliveries) {
    AttemptBatches.check(attempts, deliveries);
    if (attempts.size() <= 1) {
      return attempts.isEmpty()
          ? List.of()
          : List.of(recordAttempt(attempts.get(0), deliveries.get(0)));
    }
    Map<UUID, Optional<Endpoint>> after =
        db.inTransaction(
            "record webhook attempts",
            dsl ->
                dsl.connectionResult(
                    c -> {
                      int[] updated = WebhookWrites.updateDeliveries(c, deliveries);
                      List<DeliveryAttempt> recorded = new ArrayList<>(attempts.size());
                      for (int i = 0; i < attempts.size(); i++) {
                        if (updated[i] == 1) {
                          recorded.add(attempts.get(i));
                        }
                      }
                      if (!recorded.isEmpty()) {
                        WebhookWrites.insertAttempts(c, recorded);
                      }
                      Map<UUID, List<DeliveryAttempt>> byEndpoint = new LinkedHashMap<>();
                      attempts.forEach(
                          a ->
                              byEndpoint
                                  .computeIfAbsent(a.endpointId(), k -> new ArrayList<>())
                                  .add(a));
                      Map<UUID, Optional<Endpoint>> moved = new HashMap<>();
                      for (Map.Entry<UUID, List<DeliveryAttempt>> its : byEndpoint.entrySet()) {
                        moved.put(its.getKey(), WebhookWrites.moveStreak(c, its.getValue()));
                      }
                      return moved;
                    }));
    return attempts.stream().map(a -> after.get(a.endpointId())).toList();
  }

  @Override
  public boolean updateDelivery(Delivery delivery, DeliveryStatus expected) {
    return db.call(
            "update webhook delivery",
            dsl ->
                dsl.update(IRIS_WEBHOOK_DELIVERIES)
                    .set(WebhookRows.row(delivery))
                    .where(
                        delivery(delivery.tenant(), delivery.id())
                            .and(IRIS_WEBHOOK_DELIVERIES.STATUS.eq(expected.name())))
                    .execute())
        == 1;
  }

  @Override
  public List<DeliveryAttempt> attempts(TenantId tenant, UUID deliveryId) {
    return db.call(
        "list webhook attempts",
        dsl ->
            dsl.selectFrom(IRIS_WEBHOOK_ATTEMPTS)
                .where(
                    IRIS_WEBHOOK_ATTEMPTS
                        .TENANT_ID
                        .eq(tenant.value())
                        .and(IRIS_WEBHOOK_ATTEMPTS.DELIVERY_ID.eq(deliveryId)))
                .orderBy(IRIS_WEBHOOK_ATTEMPTS.NUMBER, IRIS_WEBHOOK_ATTEMPTS.ID)
                .fetch(WebhookRows::attempt));
  }

  @Override
  public List<DeliveryAttempt> endpointAttempts(TenantId tenant, UUID endpointId, Instant since) {
    return db.call(
        "list endpoint attempts",
        dsl ->
            dsl.selectFrom(IRIS_WEBHOOK_ATTEMPTS)
                .where(
                    IRIS_WEBHOOK_ATTEMPTS
                        .TENANT_ID
                        .eq(tenant.value())
                        .and(IRIS_WEBHOOK_ATTEMPTS.ENDPOINT_ID.eq(endpointId))
                        .and(IRIS_WEBHOOK_ATTEMPTS.ATTEMPTED_AT.ge(since)))
                .fetch(WebhookRows::attempt));
  }

  @Override
  public List<Delivery> failedDeliveries(
      TenantId tenant, UUID endpointId, Instant since, int limit) {
    return db.call(
        "list failed webhook deliveries",
        dsl ->
            dsl.selectFrom(IRIS_WEBHOOK_DELIVERIES)
                .where(
                    IRIS_WEBHOOK_DELIVERIES
                        .TENANT_ID
                        .eq(tenant.value())
                        .and(IRIS_WEBHOOK_DELIVERIES.ENDPOINT_ID.eq(endpointId))
                        .and(IRIS_WEBHOOK_DELIVERIES.STATUS.eq(DeliveryStatus.FAILED.name()))
                        .and(IRIS_WEBHOOK_DELIVERIES.CREATED_AT.ge(since)))
                .orderBy(IRIS_WEBHOOK_DELIVERIES.ID)
                .limit(limit)
                .fetch(WebhookRows::delivery));
  }

  @Override
  public boolean hasEarlierPending(Delivery delivery) {
    return db.call(
        "check earlier webhook delivery",
        dsl ->
            dsl.fetchExists(
                IRIS_WEBHOOK_DELIVERIES,
                IRIS_WEBHOOK_DELIVERIES
                    .TENANT_ID
                    .eq(delivery.tenant().value())
                    .and(IRIS_WEBHOOK_DELIVERIES.ENDPOINT_ID.eq(delivery.endpointId()))
                    .and(IRIS_WEBHOOK_DELIVERIES.ID.lt(delivery.id()))
                    .and(IRIS_WEBHOOK_DELIVERIES.STATUS.eq(DeliveryStatus.PENDING.name()))));
  }

  @Override
  public int deleteFinishedEvents(Instant cutoff, int limit) {
    return db.inTransaction(
        "delete old webhook events",
        dsl -> {
          var d = IRIS_WEBHOOK_DELIVERIES;
          var e = IRIS_WEBHOOK_EVENTS;
          List<Record2<String, UUID>> old =
              dsl.select(e.TENANT_ID, e.ID)
                  .from(e)
                  .where(e.CREATED_AT.lt(cutoff))
                  .andNotExists(
                      dsl.selectOne()
                          .from(d)
                          .where(
                              d.TENANT_ID
                                  .eq(e.TENANT_ID)
                                  .and(d.EVENT_ID.eq(e.ID))
                                  .and(d.STATUS.eq(DeliveryStatus.PENDING.name()))))
                  .orderBy(e.CREATED_AT)
                  .limit(limit)
                  .forUpdate()
                  .skipLocked()
                  .fetch();
          if (old.isEmpty()) {
            return 0;
          }
          var keys = old.stream().map(r -> DSL.row(r.value1(), r.value2())).toList();
          dsl.deleteFrom(IRIS_WEBHOOK_ATTEMPTS)
              .where(
                  DSL.row(IRIS_WEBHOOK_ATTEMPTS.TENANT_ID, IRIS_WEBHOOK_ATTEMPTS.DELIVERY_ID)
                      .in(
                          dsl.select(d.TENANT_ID, d.ID)
                              .from(d)
                              .where(DSL.row(d.TENANT_ID, d.EVENT_ID).in(keys))))
              .execute();
          dsl.deleteFrom(d).where(DSL.row(d.TENANT_ID, d.EVENT_ID).in(keys)).execute();
          return dsl.deleteFrom(e).where(DSL.row(e.TENANT_ID, e.ID).in(keys)).execute();
        });
  }

  @Override
  public WebhookHealth health() {
    return db.call(
        "webhook health",
        dsl -> {
          Record2<Integer, Instant> pending =
              dsl.select(DSL.count(), DSL.min(IRIS_WEBHOOK_DELIVERIES.CREATED_AT))
                  .from(IRIS_WEBHOOK_DELIVERIES)
                  .where(IRIS_WEBHOOK_DELIVERIES.STATUS.eq(DeliveryStatus.PENDING.name()))
                  .fetchOne();
          int failing =
              dsl.fetchCount(
                  IRIS_WEBHOOK_ENDPOINTS,
                  IRIS_WEBHOOK_ENDPOINTS
                      .ENABLED
                      .isTrue()
                      .and(IRIS_WEBHOOK_ENDPOINTS.CONSECUTIVE_FAILURES.gt(0)));
          int disabled =
              dsl.fetchCount(IRIS_WEBHOOK_ENDPOINTS, IRIS_WEBHOOK_ENDPOINTS.ENABLED.isFalse());
          return new WebhookHealth(
              pending == null ? 0 : pending.value1(),
              pending == null ? null : pending.value2(),
              failing,
              disabled);
        });
  }

  @Override
  public String toString() {
    return "JdbcWebhookStore";
  }
}
