package com.techradium.iris.jdbc.audit;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_AUDIT_CHAIN_HEADS;
import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_AUDIT_EVENTS;

import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditRecord;
import com.techradium.iris.audit.spi.AuditChain;
import com.techradium.iris.audit.spi.ChainHead;
import com.techradium.iris.audit.spi.NewAuditRecord;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisAuditChainHeadsRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep4;
import org.jooq.InsertValuesStepN;
import org.jooq.Query;
import org.jooq.Record4;
import org.postgresql.copy.CopyManager;

/**
 * The body of one append transaction: lock (inserting if absent) the head row of every chain the
 * batch touches, in a fixed order so that concurrent appends cannot deadlock; chain the events from
 * those heads; insert them; move the heads. Stateless.
 */
final class ChainAppend {
  /** Rows per multi-row INSERT (24 columns each, below PostgreSQL's 32,767 bind values). */
  static final int INSERT_CHUNK = 1000;

  /** Batches of at least this many events are written with COPY. */
  static final int COPY_THRESHOLD = 32;

  private ChainAppend() {}

  private record Chain(String tenant, String category) {
    static final Comparator<Chain> ORDER =
        Comparator.comparing(Chain::tenant).thenComparing(Chain::category);

    static Chain of(NewAuditRecord record) {
      return new Chain(record.event().tenantId().value(), record.event().category().name());
    }
  }

  /** Appends {@code records} on {@code dsl}, which must be inside a transaction. */
  static List<AuditRecord> append(DSLContext dsl, List<NewAuditRecord> records) {
    TreeSet<Chain> chains = new TreeSet<>(Chain.ORDER);
    records.forEach(r -> chains.add(Chain.of(r)));
    Map<Chain, ChainHead> heads = lockHeads(dsl, chains);
    List<AuditRecord> stored = new ArrayList<>(records.size());
    for (NewAuditRecord record : records) {
      Chain chain = Chain.of(record);
      ChainHead head = heads.get(chain);
      AuditRecord chained = AuditRecord.chain(record, head.sequence() + 1, head.hash());
      heads.put(
          chain,
          new ChainHead(head.tenantId(), head.category(), chained.sequence(), chained.hash()));
      stored.add(chained);
    }
    insert(dsl, stored);
    List<Query> moves = new ArrayList<>(heads.size());
    for (ChainHead head : heads.values()) {
      moves.add(
          dsl.update(IRIS_AUDIT_CHAIN_HEADS)
              .set(IRIS_AUDIT_CHAIN_HEADS.SEQ, head.sequence())
              .set(IRIS_AUDIT_CHAIN_HEADS.HASH, head.hash())
              .where(
                  IRIS_AUDIT_CHAIN_HEADS.TENANT_ID.eq(head.tenantId().value()),
                  IRIS_AUDIT_CHAIN_HEADS.CATEGORY.eq(head.category().name())));
    }
    if (moves.size() == 1) {
      moves.get(0).execute();
    } else {
      dsl.batch(moves).execute();
    }
    return List.copyOf(stored);
  }

  /** Inserts the missing head rows and locks all of them, in {@link Chain#ORDER}. */
  private static Map<Chain, ChainHead> lockHeads(DSLContext dsl, TreeSet<Chain> chains) {
    InsertValuesStep4<IrisAuditChainHeadsRecord, String, String, Long, String> insert =
        dsl.insertInto(
            IRIS_AUDIT_CHAIN_HEADS,
            IRIS_AUDIT_CHAIN_HEADS.TENANT_ID,
            IRIS_AUDIT_CHAIN_HEADS.CATEGORY,
            IRIS_AUDIT_CHAIN_HEADS.SEQ,
            IRIS_AUDIT_CHAIN_HEADS.HASH);
    for (Chain chain : chains) {
      insert = insert.values(chain.tenant(), chain.category(), 0L, AuditChain.GENESIS_HASH);
    }
    Map<Chain, ChainHead> heads = new HashMap<>();
    for (Record4<String, String, Long, String> row :
        insert
            .onConflict(IRIS_AUDIT_CHAIN_HEADS.TENANT_ID, IRIS_AUDIT_CHAIN_HEADS.CATEGORY)
            .doUpdate()
            .set(IRIS_AUDIT_CHAIN_HEADS.SEQ, IRIS_AUDIT_CHAIN_HEADS.SEQ)
            .returningResult(
                IRIS_AUDIT_CHAIN_HEADS.TENANT_ID,
                IRIS_AUDIT_CHAIN_HEADS.CATEGORY,
                IRIS_AUDIT_CHAIN_HEADS.SEQ,
                IRIS_AUDIT_CHAIN_HEADS.HASH)
            .fetch()) {
      heads.put(
          new Chain(row.value1(), row.value2()),
          new ChainHead(
              TenantId.of(row.value1()),
              AuditCategory.valueOf(row.value2()),
              row.value3(),
              row.value4()));
    }
    return heads;
  }

  /**
   * Inserts the rows: with COPY when the connection is the PostgreSQL driver's (directly or through
   * a pool that unwraps to it), otherwise with multi-row INSERTs.
   */
  private static void insert(DSLContext dsl, List<AuditRecord> rows) {
    if (rows.size() >= COPY_THRESHOLD) {
      boolean copied =
          dsl.connectionResult(
              connection -> {
                CopyManager copy = AuditCopy.copyManager(connection);
                if (copy == null) {
                  return false;
                }
                AuditCopy.copy(copy, rows);
                return true;
              });
      if (copied) {
        return;
      }
    }
    for (int from = 0; from < rows.size(); from += INSERT_CHUNK) {
      InsertValuesStepN<?> insert = dsl.insertInto(IRIS_AUDIT_EVENTS, AuditRows.COLUMNS);
      for (AuditRecord row : rows.subList(from, Math.min(rows.size(), from + INSERT_CHUNK))) {
        insert = insert.values(AuditRows.values(row));
      }
      insert.execute();
    }
  }
}
