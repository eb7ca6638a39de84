package com.techradium.iris.jdbc.audit;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_AUDIT_CHAIN_HEADS;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_AUDIT_CHECKPOINTS;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_AUDIT_EVENTS;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_AUDIT_LEGAL_HOLDS;

import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditQuery;
import com.techradium.iris.audit.AuditRecord;
import com.techradium.iris.audit.Checkpoint;
import com.techradium.iris.audit.spi.AuditPosition;
import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.audit.spi.ChainHead;
import com.techradium.iris.audit.spi.NewAuditRecord;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.internal.JdbcContext;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisAuditCheckpointsRecord;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisAuditEventsRecord;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ResultQuery;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The {@link AuditStore} on PostgreSQL (migration {@code V2__audit.sql}). Thread-safe; it holds no
 * connection between calls and never closes the data source. Run {@link
 * com.techradium.iris.jdbc.JdbcIris#migrate} first.
 *
 * <h2>Design</h2>
 *
 * <ul>
 *   <li><b>One append-only table</b> {@code iris_audit_events} for the four streams, keyed by
 *       ({@code tenant_id}, {@code category}, {@code seq}): the chain order. A trigger refuses
 *       every UPDATE; retention deletes whole rows, oldest first. JSON values are {@code jsonb},
 *       holding the canonical JSON the hash covers; reading a row re-canonicalises it, so
 *       PostgreSQL's reformatting of {@code jsonb} does not disturb the hash.
 *   <li><b>No forks.</b> An append runs in one transaction: it inserts-or-locks the head row of
 *       every chain it touches in {@code iris_audit_chain_heads} ({@code INSERT ... ON CONFLICT DO
 *       UPDATE ... RETURNING}, in a fixed order so concurrent appends cannot deadlock), computes
 *       sequences and hashes from those heads, inserts the events ({@code COPY} for batches of 32
 *       events or more, multi-row INSERTs below), and moves the heads. Appends to one chain from
 *       any number of nodes therefore serialise on its head row; appends to other chains run in
 *       parallel. A failure anywhere rolls the whole batch back.
 *   <li><b>Indexes, not partitions or BRIN.</b> Every query names one tenant, so every index leads
 *       with {@code tenant_id}: ({@code tenant_id, recorded_at, id}) for listings and exports in
 *       both directions with keyset paging, ({@code tenant_id, category, recorded_at, id}) for
 *       per-stream listings and the retention cut-off, ({@code tenant_id, actor_id, recorded_at})
 *       for user activity and failed logins per account, and a partial index on failed logins by
 *       IP. {@code V12__audit_query_indexes.sql} adds the indexes of the query filters: partial
 *       ones on rare outcome, severity, security kind and data category values, and one GIN index
 *       over hashed search keys for action, target and IP address (see {@code AuditConditions} and
 *       docs/audit.md); {@code V19__audit_high_severity_index.sql} one on the time order of the
 *       events of severity HIGH or CRITICAL. A BRIN index on {@code recorded_at} would be small,
 *       but with many tenants interleaved in the heap each block range holds every tenant's events,
 *       so it cannot narrow a tenant's query; monthly partitions would let old months be dropped
 *       whole, but retention here is per tenant and category and suspended by legal holds, so
 *       partitions could not simply be dropped, and each partition would duplicate every index.
 *       Retention deletes in bounded batches through the primary key instead.
 * </ul>
 */
public final class JdbcAuditStore implements AuditStore {
  /**
   * How many of the newest events of a query's range a query on action or target type reads in time
   * order before it asks the search index instead (see {@link #page}).
   */
  static final int RECENT_WINDOW = 10_000;

  private final JdbcContext db;

  private JdbcAuditStore(JdbcContext db) {
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
  public static JdbcAuditStore of(DataSource dataSource) {
    return new JdbcAuditStore(JdbcContext.of(Objects.requireNonNull(dataSource, "dataSource")));
  }

  @Override
  public List<AuditRecord> append(List<NewAuditRecord> records) {
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      return List.of();
    }
    return db.inTransaction("append audit events", dsl -> ChainAppend.append(dsl, records));
  }

  @Override
  public Optional<ChainHead> head(TenantId tenant, AuditCategory category) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(category, "category");
    return db.call(
        "read audit chain head",
        dsl ->
            dsl.selectFrom(IRIS_AUDIT_CHAIN_HEADS)
                .where(
                    IRIS_AUDIT_CHAIN_HEADS.TENANT_ID.eq(tenant.value()),
                    IRIS_AUDIT_CHAIN_HEADS.CATEGORY.eq(category.name()),
                    IRIS_AUDIT_CHAIN_HEADS.SEQ.gt(0L))
                .fetchOptional(
                    row -> new ChainHead(tenant, category, row.getSeq(), row.getHash())));
  }

  @Override
  public List<AuditRecord> readChain(
      TenantId tenant, AuditCategory category, long afterSequence, int limit) {
    requirePositive(limit);
    return db.call(
        "read audit chain",
        dsl ->
            dsl.selectFrom(IRIS_AUDIT_EVENTS)
                .where(
                    IRIS_AUDIT_EVENTS.TENANT_ID.eq(tenant.value()),
                    IRIS_AUDIT_EVENTS.CATEGORY.eq(category.name()),
                    IRIS_AUDIT_EVENTS.SEQ.gt(afterSequence))
                .orderBy(IRIS_AUDIT_EVENTS.SEQ)
                .limit(limit)
                .fetch(AuditRows::toRecord));
  }

  @Override
  public Page<AuditRecord> query(AuditQuery query, PageRequest page) {
    return page("query audit events", query, page, true);
  }

  @Override
  public Page<AuditRecord> scan(AuditQuery query, PageRequest page) {
    return page("scan audit events", query, page, false);
  }

  private Page<AuditRecord> page(
      String operation, AuditQuery query, PageRequest page, boolean newestFirst) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    Condition after = DSL.noCondition();
    if (page.cursor() != null) {
      AuditPosition position = AuditPosition.parse(page.cursor());
      Field<Instant> at = DSL.inline(position.recordedAt(), IRIS_AUDIT_EVENTS.RECORDED_AT);
      Field<UUID> id = DSL.inline(position.id(), IRIS_AUDIT_EVENTS.ID);
      after =
          newestFirst
              ? DSL.row(IRIS_AUDIT_EVENTS.RECORDED_AT, IRIS_AUDIT_EVENTS.ID).lt(at, id)
              : DSL.row(IRIS_AUDIT_EVENTS.RECORDED_AT, IRIS_AUDIT_EVENTS.ID).gt(at, id);
    }
    List<SortField<?>> order = order(newestFirst);
    Condition where = AuditConditions.of(query).and(after);
    if (AuditConditions.looksUpFewValuedKeysOnly(query)) {
      // A value of a few-valued filter may match most events or almost none. First read only the
      // newest RECENT_WINDOW events of the range, in time order (a derived table, so the planner
      // cannot leave the time index): a value matching more than about 1 % of them fills the page
      // there. Otherwise the value is rare, and the search index finds its events.
      Table<IrisAuditEventsRecord> recent =
          DSL.selectFrom(IRIS_AUDIT_EVENTS)
              .where(AuditConditions.tenantAndTime(query).and(after))
              .orderBy(order)
              .limit(DSL.inline(RECENT_WINDOW))
              .asTable(IRIS_AUDIT_EVENTS.getName());
      // The derived table takes the table's name, so the conditions' column references name its
      // columns.
      Condition filters = AuditConditions.withoutKeys(query);
      List<AuditRecord> fetched =
          db.call(
              operation,
              dsl ->
                  dsl.selectFrom(recent)
                      .where(filters)
                      .orderBy(order)
                      .limit(DSL.inline(page.limit() + 1))
                      .fetchInto(IRIS_AUDIT_EVENTS)
                      .map(AuditRows::toRecord));
      if (fetched.size() > page.limit()) {
        return Page.fromOverfetch(fetched, page.limit(), r -> AuditPosition.of(r).cursor());
      }
    }
    List<AuditRecord> fetched = fetch(operation, where, order, page.limit() + 1);
    return Page.fromOverfetch(fetched, page.limit(), r -> AuditPosition.of(r).cursor());
  }

  private List<AuditRecord> fetch(
      String operation, Condition where, List<SortField<?>> order, int limit) {
    return db.call(operation, dsl -> select(dsl, where, order, limit).fetch(AuditRows::toRecord));
  }

  /**
   * The statement that reads up to {@code limit} events matching {@code where} in {@code order}.
   */
  static ResultQuery<IrisAuditEventsRecord> select(
      DSLContext dsl, Condition where, List<SortField<?>> order, int limit) {
    return dsl.selectFrom(IRIS_AUDIT_EVENTS).where(where).orderBy(order).limit(DSL.inline(limit));
  }

  /** The order of a page: newest first, or oldest first. */
  static List<SortField<?>> order(boolean newestFirst) {
    return newestFirst
        ? List.of(IRIS_AUDIT_EVENTS.RECORDED_AT.desc(), IRIS_AUDIT_EVENTS.ID.desc())
        : List.of(IRIS_AUDIT_EVENTS.RECORDED_AT.asc(), IRIS_AUDIT_EVENTS.ID.asc());
  }

  @Override
  public long count(AuditQuery query) {
    Condition where = AuditConditions.of(Objects.requireNonNull(query, "query"));
    return db.call(
        "count audit events",
        dsl -> dsl.selectCount().from(IRIS_AUDIT_EVENTS).where(where).fetchOne(0, long.class));
  }

  @Override
  public void saveCheckpoint(Checkpoint checkpoint) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    db.run(
        "save audit checkpoint",
        dsl ->
            dsl.insertInto(IRIS_AUDIT_CHECKPOINTS)
                .set(IRIS_AUDIT_CHECKPOINTS.TENANT_ID, checkpoint.tenantId().value())
                .set(IRIS_AUDIT_CHECKPOINTS.CATEGORY, checkpoint.category().name())
                .set(IRIS_AUDIT_CHECKPOINTS.SEQ, checkpoint.sequence())
                .set(IRIS_AUDIT_CHECKPOINTS.HASH, checkpoint.hash())
                .set(IRIS_AUDIT_CHECKPOINTS.CREATED_AT, checkpoint.createdAt())
                .set(IRIS_AUDIT_CHECKPOINTS.ALGORITHM, checkpoint.algorithm())
                .set(IRIS_AUDIT_CHECKPOINTS.KEY_ID, checkpoint.keyId())
                .set(IRIS_AUDIT_CHECKPOINTS.SIGNATURE, checkpoint.signature())
                .onConflictDoNothing()
                .execute());
  }

  @Override
  public Optional<Checkpoint> latestCheckpoint(
      TenantId tenant, AuditCategory category, long atOrBeforeSequence) {
    return db.call(
        "read audit checkpoint",
        dsl ->
            dsl.selectFrom(IRIS_AUDIT_CHECKPOINTS)
                .where(
                    IRIS_AUDIT_CHECKPOINTS.TENANT_ID.eq(tenant.value()),
                    IRIS_AUDIT_CHECKPOINTS.CATEGORY.eq(category.name()),
                    IRIS_AUDIT_CHECKPOINTS.SEQ.le(atOrBeforeSequence))
                .orderBy(IRIS_AUDIT_CHECKPOINTS.SEQ.desc())
                .limit(1)
                .fetchOptional(JdbcAuditStore::toCheckpoint));
  }

  @Override
  public List<Checkpoint> checkpoints(
      TenantId tenant, AuditCategory category, long afterSequence, int limit) {
    requirePositive(limit);
    return db.call(
        "list audit checkpoints",
        dsl ->
            dsl.selectFrom(IRIS_AUDIT_CHECKPOINTS)
                .where(
                    IRIS_AUDIT_CHECKPOINTS.TENANT_ID.eq(tenant.value()),
                    IRIS_AUDIT_CHECKPOINTS.CATEGORY.eq(category.name()),
                    IRIS_AUDIT_CHECKPOINTS.SEQ.gt(afterSequence))
                .orderBy(IRIS_AUDIT_CHECKPOINTS.SEQ)
                .limit(limit)
                .fetch(JdbcAuditStore::toCheckpoint));
  }

  private static Checkpoint toCheckpoint(IrisAuditCheckpointsRecord row) {
    return new Checkpoint(
        TenantId.of(row.getTenantId()),
        AuditCategory.valueOf(row.getCategory()),
        row.getSeq(),
        row.getHash(),
        row.getCreatedAt(),
        row.getAlgorithm(),
        row.getKeyId(),
        row.getSignature());
  }

  @Override
  public int deleteThrough(
      TenantId tenant, AuditCategory category, long throughSequence, int limit) {
    requirePositive(limit);
    Condition chain =
        IRIS_AUDIT_EVENTS
            .TENANT_ID
            .eq(tenant.value())
            .and(IRIS_AUDIT_EVENTS.CATEGORY.eq(category.name()));
    return db.call(
        "delete expired audit events",
        dsl ->
            dsl.deleteFrom(IRIS_AUDIT_EVENTS)
                .where(chain)
                .and(
                    IRIS_AUDIT_EVENTS.SEQ.in(
                        DSL.select(IRIS_AUDIT_EVENTS.SEQ)
                            .from(IRIS_AUDIT_EVENTS)
                            .where(chain)
                            .and(IRIS_AUDIT_EVENTS.SEQ.le(throughSequence))
                            .orderBy(IRIS_AUDIT_EVENTS.SEQ)
                            .limit(limit)))
                .execute());
  }

  @Override
  public void setLegalHold(TenantId tenant, boolean held) {
    Objects.requireNonNull(tenant, "tenant");
    db.run(
        held ? "place legal hold" : "release legal hold",
        dsl -> {
          if (held) {
            dsl.insertInto(IRIS_AUDIT_LEGAL_HOLDS)
                .set(IRIS_AUDIT_LEGAL_HOLDS.TENANT_ID, tenant.value())
                .onConflictDoNothing()
                .execute();
          } else {
            dsl.deleteFrom(IRIS_AUDIT_LEGAL_HOLDS)
                .where(IRIS_AUDIT_LEGAL_HOLDS.TENANT_ID.eq(tenant.value()))
                .execute();
          }
        });
  }

  @Override
  public boolean hasLegalHold(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return db.call(
        "check legal hold",
        dsl ->
            dsl.fetchExists(
                IRIS_AUDIT_LEGAL_HOLDS, IRIS_AUDIT_LEGAL_HOLDS.TENANT_ID.eq(tenant.value())));
  }

  @Override
  public List<TenantId> tenants(@Nullable TenantId after, int limit) {
    requirePositive(limit);
    Condition from =
        after == null ? DSL.noCondition() : IRIS_AUDIT_CHAIN_HEADS.TENANT_ID.gt(after.value());
    return db.call(
        "list audit tenants",
        dsl ->
            dsl.selectDistinct(IRIS_AUDIT_CHAIN_HEADS.TENANT_ID)
                .from(IRIS_AUDIT_CHAIN_HEADS)
                .where(from)
                .orderBy(IRIS_AUDIT_CHAIN_HEADS.TENANT_ID)
                .limit(limit)
                .fetch(row -> TenantId.of(row.value1())));
  }

  private static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
  }
}
