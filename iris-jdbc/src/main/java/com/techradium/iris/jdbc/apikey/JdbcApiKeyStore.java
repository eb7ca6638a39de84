package com.techradium.iris.jdbc.apikey;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_API_KEYS;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_API_KEY_USAGE;

import com.techradium.iris.apikey.spi.ApiKeyRecord;
import com.techradium.iris.apikey.spi.ApiKeyStore;
import com.techradium.iris.apikey.spi.HourlyUsage;
import com.techradium.iris.apikey.spi.KeySighting;
import com.techradium.iris.apikey.spi.UsageIncrement;
import com.techradium.iris.core.ConflictException;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.ValidationException;
import com.techradium.iris.jdbc.internal.JdbcContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * The {@link ApiKeyStore} on PostgreSQL (migration {@code V4__api_keys.sql}). Thread-safe; it holds
 * no connection between calls and never closes the data source. All work goes through {@code
 * JdbcContext}, so it joins the host's {@link com.techradium.iris.jdbc.JdbcTransaction}. Run {@link
 * com.techradium.iris.jdbc.JdbcIris#migrate} first.
 *
 * <h2>Design</h2>
 *
 * <ul>
 *   <li><b>Keys</b> in {@code iris_api_keys}, primary key ({@code tenant_id}, {@code id}); every
 *       tenant read filters on it. A presented key is looked up by the hash of its secret through
 *       two unique indexes ({@code secret_hash}, and {@code previous_hash} where set), across
 *       tenants: the key names its tenant. A validation that the cache answers reads nothing.
 *   <li><b>Changes</b> ({@link #update}) lock the row ({@code SELECT ... FOR UPDATE}), apply the
 *       key manager's function and write every column back, in one transaction.
 *   <li><b>Usage</b> in {@code iris_api_key_usage}, one row per (tenant, key, hour), added to by
 *       {@code INSERT ... ON CONFLICT DO UPDATE}; a batch of increments and sightings is one
 *       transaction, in key order so that concurrent batches from several nodes cannot deadlock.
 *       Sightings move {@code last_used_at} forward with {@code GREATEST}.
 *   <li><b>Housekeeping</b> scans are deployment-wide, on partial indexes of the keys that can
 *       expire ({@code expires_at}) and of revoked keys ({@code revoked_at}); marking expired keys
 *       claims rows with {@code FOR UPDATE SKIP LOCKED}, so nodes running it together mark each key
 *       once.
 * </ul>
 */
public final class JdbcApiKeyStore implements ApiKeyStore {
  private final JdbcContext db;

  private JdbcApiKeyStore(JdbcContext db) {
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
  public static JdbcApiKeyStore of(DataSource dataSource) {
    return new JdbcApiKeyStore(JdbcContext.of(Objects.requireNonNull(dataSource, "dataSource")));
  }

  @Override
  public void insert(ApiKeyRecord key) {
    Objects.requireNonNull(key, "key");
    int inserted =
        db.call(
            "insert API key",
            dsl ->
                dsl.insertInto(IRIS_API_KEYS)
                    .set(ApiKeyRows.toRow(key))
                    .onConflictDoNothing()
                    .execute());
    if (inserted == 0) {
      throw new ConflictException("an API key with this id or secret exists: " + key.id());
    }
  }

  @Override
  public Optional<ApiKeyRecord> findByHash(String secretHash) {
    Objects.requireNonNull(secretHash, "secretHash");
    return db.call(
        "find API key",
        dsl ->
            dsl.selectFrom(IRIS_API_KEYS)
                .where(IRIS_API_KEYS.SECRET_HASH.eq(secretHash))
                .unionAll(
                    dsl.selectFrom(IRIS_API_KEYS).where(IRIS_API_KEYS.PREVIOUS_HASH.eq(secretHash)))
                .limit(1)
                .fetchOptional(ApiKeyRows::toRecord));
  }

  @Override
  public Optional<ApiKeyRecord> get(TenantId tenant, UUID id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    return db.call(
        "read API key",
        dsl ->
            dsl.selectFrom(IRIS_API_KEYS)
                .where(IRIS_API_KEYS.TENANT_ID.eq(tenant.value()), IRIS_API_KEYS.ID.eq(id))
                .fetchOptional(ApiKeyRows::toRecord));
  }

  @Override
  public Optional<ApiKeyRecord> update(
      TenantId tenant, UUID id, UnaryOperator<ApiKeyRecord> change) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(change, "change");
    return db.inTransaction(
        "update API key",
        dsl -> {
          Optional<ApiKeyRecord> found =
              dsl.selectFrom(IRIS_API_KEYS)
                  .where(IRIS_API_KEYS.TENANT_ID.eq(tenant.value()), IRIS_API_KEYS.ID.eq(id))
                  .forUpdate()
                  .fetchOptional(ApiKeyRows::toRecord);
          if (found.isEmpty()) {
            return found;
          }
          ApiKeyRecord before = found.get();
          ApiKeyRecord after = Objects.requireNonNull(change.apply(before), "change result");
          if (after == before) {
            return found;
          }
          if (!after.id().equals(id) || !after.tenant().equals(tenant)) {
            throw new IllegalArgumentException("a change must keep the key's id and tenant");
          }
          var row = ApiKeyRows.toRow(after);
          row.changed(IRIS_API_KEYS.TENANT_ID, false);
          row.changed(IRIS_API_KEYS.ID, false);
          dsl.update(IRIS_API_KEYS)
              .set(row)
              .where(IRIS_API_KEYS.TENANT_ID.eq(tenant.value()), IRIS_API_KEYS.ID.eq(id))
              .execute();
          return Optional.of(after);
        });
  }

  private static Condition activeAt(Instant now) {
    return IRIS_API_KEYS
        .REVOKED_AT
        .isNull()
        .and(IRIS_API_KEYS.EXPIRES_AT.isNull().or(IRIS_API_KEYS.EXPIRES_AT.gt(now)));
  }

  @Override
  public Page<ApiKeyRecord> listActive(TenantId tenant, Instant now, PageRequest page) {
    Objects.requireNonNull(tenant, "tenant");
    Condition where = IRIS_API_KEYS.TENANT_ID.eq(tenant.value()).and(activeAt(now));
    if (page.cursor() != null) {
      where = where.and(IRIS_API_KEYS.ID.gt(cursorId(page.cursor())));
    }
    Condition condition = where;
    List<ApiKeyRecord> fetched =
        db.call(
            "list API keys",
            dsl ->
                dsl.selectFrom(IRIS_API_KEYS)
                    .where(condition)
                    .orderBy(IRIS_API_KEYS.ID)
                    .limit(page.limit() + 1)
                    .fetch(ApiKeyRows::toRecord));
    return Page.fromOverfetch(fetched, page.limit(), k -> k.id().toString());
  }

  private static UUID cursorId(String cursor) {
    try {
      return UUID.fromString(cursor);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("cursor", "is not a cursor returned by this listing");
    }
  }

  @Override
  public long countActive(TenantId tenant, Instant now) {
    Objects.requireNonNull(tenant, "tenant");
    return db.call(
        "count API keys",
        dsl ->
            dsl.fetchCount(
                IRIS_API_KEYS, IRIS_API_KEYS.TENANT_ID.eq(tenant.value()).and(activeAt(now))));
  }

  @Override
  public List<ApiKeyRecord> expiring(TenantId tenant, Instant from, Instant to, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    return expiringWhere(IRIS_API_KEYS.TENANT_ID.eq(tenant.value()), from, to, limit);
  }

  @Override
  public List<ApiKeyRecord> expiringBefore(Instant from, Instant to, int limit) {
    return expiringWhere(DSL.noCondition(), from, to, limit);
  }

  private List<ApiKeyRecord> expiringWhere(Condition which, Instant from, Instant to, int limit) {
    return db.call(
        "find expiring API keys",
        dsl ->
            dsl.selectFrom(IRIS_API_KEYS)
                .where(
                    which,
                    IRIS_API_KEYS.REVOKED_AT.isNull(),
                    IRIS_API_KEYS.EXPIRES_AT.isNotNull(),
                    IRIS_API_KEYS.EXPIRES_AT.gt(from),
                    IRIS_API_KEYS.EXPIRES_AT.le(to))
                .orderBy(IRIS_API_KEYS.EXPIRES_AT, IRIS_API_KEYS.ID)
                .limit(limit)
                .fetch(ApiKeyRows::toRecord));
  }

  @Override
  public List<ApiKeyRecord> expireDue(Instant now, int limit) {
    return db.inTransaction(
        "expire API keys",
        dsl -> {
          var due =
              dsl.select(IRIS_API_KEYS.TENANT_ID, IRIS_API_KEYS.ID)
                  .from(IRIS_API_KEYS)
                  .where(
                      IRIS_API_KEYS.REVOKED_AT.isNull(),
                      IRIS_API_KEYS.EXPIRED_AT.isNull(),
                      IRIS_API_KEYS.EXPIRES_AT.isNotNull(),
                      IRIS_API_KEYS.EXPIRES_AT.le(now))
                  .orderBy(IRIS_API_KEYS.EXPIRES_AT)
                  .limit(limit)
                  .forUpdate()
                  .skipLocked()
                  .fetch();
          if (due.isEmpty()) {
            return List.of();
          }
          return dsl
              .update(IRIS_API_KEYS)
              .set(IRIS_API_KEYS.EXPIRED_AT, now)
              .where(
                  DSL.row(IRIS_API_KEYS.TENANT_ID, IRIS_API_KEYS.ID)
                      .in(due.stream().map(Record2::valuesRow).toList()))
              .returning()
              .fetch()
              .stream()
              .map(ApiKeyRows::toRecord)
              .toList();
        });
  }

  @Override
  public int deleteEnded(Instant cutoff, int limit) {
    return db.inTransaction(
        "delete ended API keys",
        dsl -> {
          var ended =
              dsl.select(IRIS_API_KEYS.TENANT_ID, IRIS_API_KEYS.ID)
                  .from(IRIS_API_KEYS)
                  .where(IRIS_API_KEYS.REVOKED_AT.le(cutoff))
                  .unionAll(
                      dsl.select(IRIS_API_KEYS.TENANT_ID, IRIS_API_KEYS.ID)
                          .from(IRIS_API_KEYS)
                          .where(
                              IRIS_API_KEYS.REVOKED_AT.isNull(),
                              IRIS_API_KEYS.EXPIRES_AT.le(cutoff)))
                  .limit(limit)
                  .fetch();
          if (ended.isEmpty()) {
            return 0;
          }
          var rows = ended.stream().map(Record2::valuesRow).toList();
          dsl.deleteFrom(IRIS_API_KEY_USAGE)
              .where(DSL.row(IRIS_API_KEY_USAGE.TENANT_ID, IRIS_API_KEY_USAGE.KEY_ID).in(rows))
              .execute();
          return dsl.deleteFrom(IRIS_API_KEYS)
              .where(DSL.row(IRIS_API_KEYS.TENANT_ID, IRIS_API_KEYS.ID).in(rows))
              .execute();
        });
  }

  @Override
  public void recordUsage(List<UsageIncrement> increments, List<KeySighting> sightings) {
    Objects.requireNonNull(increments, "increments");
    Objects.requireNonNull(sightings, "sightings");
    if (increments.isEmpty() && sightings.isEmpty()) {
      return;
    }
    List<UsageIncrement> sortedIncrements = new ArrayList<>(increments);
    sortedIncrements.sort(
        Comparator.comparing((UsageIncrement u) -> u.tenant().value())
            .thenComparing(UsageIncrement::keyId)
            .thenComparing(UsageIncrement::hour));
    List<KeySighting> sortedSightings = new ArrayList<>(sightings);
    sortedSightings.sort(
        Comparator.comparing((KeySighting s) -> s.tenant().value())
            .thenComparing(KeySighting::keyId));
    db.inTransactionRun(
        "record API key usage",
        dsl -> {
          List<Query> queries = new ArrayList<>();
          for (UsageIncrement inc : sortedIncrements) {
            queries.add(addUsage(dsl, inc));
          }
          for (KeySighting s : sortedSightings) {
            queries.add(
                dsl.update(IRIS_API_KEYS)
                    .set(
                        IRIS_API_KEYS.LAST_USED_AT,
                        DSL.greatest(IRIS_API_KEYS.LAST_USED_AT, DSL.val(s.lastUsedAt())))
                    .set(
                        IRIS_API_KEYS.PREVIOUS_LAST_SEEN_AT,
                        DSL.greatest(
                            IRIS_API_KEYS.PREVIOUS_LAST_SEEN_AT, DSL.val(s.previousLastSeenAt())))
                    .where(
                        IRIS_API_KEYS.TENANT_ID.eq(s.tenant().value()),
                        IRIS_API_KEYS.ID.eq(s.keyId())));
          }
          dsl.batch(queries).execute();
        });
  }

  private static Query addUsage(DSLContext dsl, UsageIncrement inc) {
    return dsl.insertInto(
            IRIS_API_KEY_USAGE,
            IRIS_API_KEY_USAGE.TENANT_ID,
            IRIS_API_KEY_USAGE.KEY_ID,
            IRIS_API_KEY_USAGE.HOUR,
            IRIS_API_KEY_USAGE.COUNT)
        .select(
            DSL.select(
                    DSL.val(inc.tenant().value()),
                    DSL.val(inc.keyId()),
                    DSL.val(inc.hour()),
                    DSL.val(inc.count()))
                .whereExists(
                    DSL.selectOne()
                        .from(IRIS_API_KEYS)
                        .where(
                            IRIS_API_KEYS.TENANT_ID.eq(inc.tenant().value()),
                            IRIS_API_KEYS.ID.eq(inc.keyId()))))
        .onConflict(
            IRIS_API_KEY_USAGE.TENANT_ID, IRIS_API_KEY_USAGE.KEY_ID, IRIS_API_KEY_USAGE.HOUR)
        .doUpdate()
        .set(
            IRIS_API_KEY_USAGE.COUNT,
            IRIS_API_KEY_USAGE.COUNT.plus(DSL.excluded(IRIS_API_KEY_USAGE.COUNT)));
  }

  @Override
  public List<HourlyUsage> usage(TenantId tenant, UUID keyId, Instant from, Instant to) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(keyId, "keyId");
    return db.call(
        "read API key usage",
        dsl ->
            dsl.select(IRIS_API_KEY_USAGE.HOUR, IRIS_API_KEY_USAGE.COUNT)
                .from(IRIS_API_KEY_USAGE)
                .where(
                    IRIS_API_KEY_USAGE.TENANT_ID.eq(tenant.value()),
                    IRIS_API_KEY_USAGE.KEY_ID.eq(keyId),
                    IRIS_API_KEY_USAGE.HOUR.ge(from),
                    IRIS_API_KEY_USAGE.HOUR.lt(to))
                .orderBy(IRIS_API_KEY_USAGE.HOUR)
                .fetch(r -> new HourlyUsage(r.value1(), r.value2())));
  }
}
