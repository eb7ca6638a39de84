package com.techradium.iris.audit.memory;

import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditQuery;
import com.techradium.iris.audit.AuditRecord;
import com.techradium.iris.audit.Checkpoint;
import com.techradium.iris.audit.spi.AuditChain;
import com.techradium.iris.audit.spi.AuditPosition;
import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.audit.spi.ChainHead;
import com.techradium.iris.audit.spi.NewAuditRecord;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.TenantId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * An {@link AuditStore} in the heap: complete, thread-safe, and held to the same contract as the
 * PostgreSQL store. Each tenant's data sits behind its own lock; an append locks the tenants it
 * touches in ascending id order, computes every record, then publishes them all, so a batch is
 * atomic and chains never fork. Everything is lost when the JVM stops.
 *
 * <p>{@link #tampering()} exposes a hook that alters stored events behind the chain's back, for
 * tests and demonstrations of {@code AuditLog.verify}.
 */
public final class InMemoryAuditStore implements AuditStore {
  private final ConcurrentSkipListMap<TenantId, TenantLog> tenants = new ConcurrentSkipListMap<>();
  private final Set<UUID> ids = ConcurrentHashMap.newKeySet();

  /** An empty store. */
  public InMemoryAuditStore() {}

  @Override
  public List<AuditRecord> append(List<NewAuditRecord> records) {
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      return List.of();
    }
    TreeSet<TenantId> involved = new TreeSet<>();
    records.forEach(r -> involved.add(r.event().tenantId()));
    List<TenantLog> logs = new ArrayList<>();
    for (TenantId tenant : involved) {
      logs.add(tenants.computeIfAbsent(tenant, t -> new TenantLog()));
    }
    logs.forEach(log -> log.lock.lock());
    try {
      Set<UUID> batchIds = new HashSet<>();
      for (NewAuditRecord record : records) {
        if (!batchIds.add(record.id()) || ids.contains(record.id())) {
          throw new StorageException(
              "audit batch rejected: duplicate event id " + record.id(),
              new IllegalStateException("duplicate key"));
        }
      }
      Map<TenantId, EnumMap<AuditCategory, ChainHead>> heads = new LinkedHashMap<>();
      List<AuditRecord> stored = new ArrayList<>(records.size());
      for (NewAuditRecord record : records) {
        TenantId tenant = record.event().tenantId();
        AuditCategory category = record.event().category();
        EnumMap<AuditCategory, ChainHead> tenantHeads =
            heads.computeIfAbsent(tenant, t -> new EnumMap<>(tenants.get(t).heads));
        ChainHead head =
            tenantHeads.getOrDefault(
                category, new ChainHead(tenant, category, 0, AuditChain.GENESIS_HASH));
        AuditRecord chained = AuditRecord.chain(record, head.sequence() + 1, head.hash());
        tenantHeads.put(
            category, new ChainHead(tenant, category, chained.sequence(), chained.hash()));
        stored.add(chained);
      }
      for (AuditRecord record : stored) {
        tenants.get(record.tenantId()).put(record);
      }
      heads.forEach((tenant, tenantHeads) -> tenants.get(tenant).heads.putAll(tenantHeads));
      ids.addAll(batchIds);
      return List.copyOf(stored);
    } finally {
      logs.forEach(log -> log.lock.unlock());
    }
  }

  @Override
  public Optional<ChainHead> head(TenantId tenant, AuditCategory category) {
    return read(tenant, log -> Optional.ofNullable(log.heads.get(category)), Optional.empty());
  }

  @Override
  public List<AuditRecord> readChain(
      TenantId tenant, AuditCategory category, long afterSequence, int limit) {
    requirePositive(limit);
    return read(
        tenant,
        log -> {
          List<AuditRecord> out = new ArrayList<>();
          for (AuditRecord record : log.chain(category).tailMap(afterSequence, false).values()) {
            if (out.size() == limit) {
              break;
            }
            out.add(record);
          }
          return List.copyOf(out);
        },
        List.of());
  }

  @Override
  public Page<AuditRecord> query(AuditQuery query, PageRequest page) {
    return page(query, page, true);
  }

  @Override
  public Page<AuditRecord> scan(AuditQuery query, PageRequest page) {
    return page(query, page, false);
  }

  private Page<AuditRecord> page(AuditQuery query, PageRequest page, boolean newestFirst) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    @Nullable AuditPosition after =
        page.cursor() == null ? null : AuditPosition.parse(page.cursor());
    return read(
        query.tenantId(),
        log -> {
          NavigableMap<AuditPosition, AuditRecord> view = log.byTime;
          if (after != null) {
            view = newestFirst ? view.headMap(after, false) : view.tailMap(after, false);
          }
          Collection<AuditRecord> ordered =
              newestFirst ? view.descendingMap().values() : view.values();
          List<AuditRecord> fetched = new ArrayList<>();
          for (AuditRecord record : ordered) {
            if (query.matches(record)) {
              fetched.add(record);
              if (fetched.size() > page.limit()) {
                break;
              }
            }
          }
          return Page.fromOverfetch(fetched, page.limit(), r -> AuditPosition.of(r).cursor());
        },
        Page.empty());
  }

  @Override
  public long count(AuditQuery query) {
    Objects.requireNonNull(query, "query");
    return read(
        query.tenantId(),
        log -> {
          NavigableMap<AuditPosition, AuditRecord> view = log.byTime;
          if (query.from() != null) {
            view =
                view.tailMap(
                    new AuditPosition(query.from(), new UUID(Long.MIN_VALUE, Long.MIN_VALUE)),
                    true);
          }
          return view.values().stream().filter(query::matches).count();
        },
        0L);
  }

  @Override
  public void saveCheckpoint(Checkpoint checkpoint) {
    Objects.requireNonNull(checkpoint, "checkpoint");
    TenantLog log = tenants.computeIfAbsent(checkpoint.tenantId(), t -> new TenantLog());
    log.lock.lock();
    try {
      log.checkpoints(checkpoint.category()).putIfAbsent(checkpoint.sequence(), checkpoint);
    } finally {
      log.lock.unlock();
    }
  }

  @Override
  public Optional<Checkpoint> latestCheckpoint(
      TenantId tenant, AuditCategory category, long atOrBeforeSequence) {
    return read(
        tenant,
        log -> {
          Map.Entry<Long, Checkpoint> entry =
              log.checkpoints(category).floorEntry(atOrBeforeSequence);
          return Optional.ofNullable(entry == null ? null : entry.getValue());
        },
        Optional.empty());
  }

  @Override
  public List<Checkpoint> checkpoints(
      TenantId tenant, AuditCategory category, long afterSequence, int limit) {
    requirePositive(limit);
    return read(
        tenant,
        log ->
            log.checkpoints(category).tailMap(afterSequence, false).values().stream()
                .limit(limit)
                .toList(),
        List.of());
  }

  @Override
  public int deleteThrough(
      TenantId tenant, AuditCategory category, long throughSequence, int limit) {
    requirePositive(limit);
    TenantLog log = tenants.get(tenant);
    if (log == null) {
      return 0;
    }
    log.lock.lock();
    try {
      int deleted = 0;
      Iterator<AuditRecord> it =
          log.chain(category).headMap(throughSequence, true).values().iterator();
      while (it.hasNext() && deleted < limit) {
        AuditRecord record = it.next();
        it.remove();
        log.byTime.remove(AuditPosition.of(record));
        ids.remove(record.id());
        deleted++;
      }
      return deleted;
    } finally {
      log.lock.unlock();
    }
  }

  @Override
  public void setLegalHold(TenantId tenant, boolean held) {
    Objects.requireNonNull(tenant, "tenant");
    TenantLog log = tenants.computeIfAbsent(tenant, t -> new TenantLog());
    log.lock.lock();
    try {
      log.legalHold = held;
    } finally {
      log.lock.unlock();
    }
  }

  @Override
  public boolean hasLegalHold(TenantId tenant) {
    return read(tenant, log -> log.legalHold, false);
  }

  @Override
  public List<TenantId> tenants(@Nullable TenantId after, int limit) {
    requirePositive(limit);
    NavigableMap<TenantId, TenantLog> view =
        after == null ? tenants : tenants.tailMap(after, false);
    List<TenantId> out = new ArrayList<>();
    for (Map.Entry<TenantId, TenantLog> entry : view.entrySet()) {
      if (out.size() == limit) {
        break;
      }
      if (entry.getValue().hasEvents()) {
        out.add(entry.getKey());
      }
    }
    return List.copyOf(out);
  }

  /**
   * A hook that changes stored events without touching hashes or chain heads, the way an attacker
   * with write access to the storage would. For tests and demonstrations only.
   *
   * @return the tampering hook of this store
   */
  public Tampering tampering() {
    return new Tampering();
  }

  /** Alters stored events behind the chain's back; see {@link #tampering()}. */
  public final class Tampering {
    private Tampering() {}

    /**
     * Replaces the stored event at {@code record}'s tenant, category and sequence with {@code
     * record} as given (hash not recomputed).
     *
     * @param record the record to store in place of the existing one
     */
    public void replace(AuditRecord record) {
      TenantLog log = existing(record.tenantId());
      log.lock.lock();
      try {
        AuditRecord old = log.chain(record.category()).get(record.sequence());
        if (old == null) {
          throw new IllegalArgumentException("no event at sequence " + record.sequence());
        }
        log.byTime.remove(AuditPosition.of(old));
        log.put(record);
      } finally {
        log.lock.unlock();
      }
    }

    /**
     * Deletes the event at {@code sequence}.
     *
     * @param tenant the owning tenant
     * @param category the chain's stream
     * @param sequence the sequence of the event to delete
     */
    public void delete(TenantId tenant, AuditCategory category, long sequence) {
      TenantLog log = existing(tenant);
      log.lock.lock();
      try {
        AuditRecord old = log.chain(category).remove(sequence);
        if (old == null) {
          throw new IllegalArgumentException("no event at sequence " + sequence);
        }
        log.byTime.remove(AuditPosition.of(old));
      } finally {
        log.lock.unlock();
      }
    }

    /**
     * Cuts the chain's tail: deletes every event after {@code keepThrough} and moves the chain head
     * back to the event kept there, as someone hiding the latest events would. Checkpoints stay.
     *
     * @param tenant the owning tenant
     * @param category the chain's stream
     * @param keepThrough the last sequence kept
     */
    public void truncate(TenantId tenant, AuditCategory category, long keepThrough) {
      TenantLog log = existing(tenant);
      log.lock.lock();
      try {
        NavigableMap<Long, AuditRecord> chain = log.chain(category);
        AuditRecord kept = chain.get(keepThrough);
        if (kept == null) {
          throw new IllegalArgumentException("no event at sequence " + keepThrough);
        }
        NavigableMap<Long, AuditRecord> tail = chain.tailMap(keepThrough, false);
        tail.values().forEach(r -> log.byTime.remove(AuditPosition.of(r)));
        tail.clear();
        log.heads.put(category, new ChainHead(tenant, category, keepThrough, kept.hash()));
      } finally {
        log.lock.unlock();
      }
    }

    /**
     * Stores {@code record} as given (any sequence, any hash) without moving the chain head, as a
     * row inserted directly into a table would be.
     *
     * @param record the record to store
     */
    public void insert(AuditRecord record) {
      TenantLog log = existing(record.tenantId());
      log.lock.lock();
      try {
        log.put(record);
      } finally {
        log.lock.unlock();
      }
    }

    /**
     * Deletes every checkpoint of a chain after {@code afterSequence}.
     *
     * @param tenant the owning tenant
     * @param category the chain's stream
     * @param afterSequence the sequence after which checkpoints are deleted
     */
    public void deleteCheckpoints(TenantId tenant, AuditCategory category, long afterSequence) {
      TenantLog log = existing(tenant);
      log.lock.lock();
      try {
        log.checkpoints(category).tailMap(afterSequence, false).clear();
      } finally {
        log.lock.unlock();
      }
    }

    /**
     * Swaps the sequence numbers of two stored events, as a reordering in a table would.
     *
     * @param tenant the owning tenant
     * @param category the chain's stream
     * @param first the sequence of one event
     * @param second the sequence of the other
     */
    public void swap(TenantId tenant, AuditCategory category, long first, long second) {
      TenantLog log = existing(tenant);
      log.lock.lock();
      try {
        NavigableMap<Long, AuditRecord> chain = log.chain(category);
        AuditRecord a = chain.get(first);
        AuditRecord b = chain.get(second);
        if (a == null || b == null) {
          throw new IllegalArgumentException("no event at one of the sequences");
        }
        log.put(renumbered(b, first));
        log.put(renumbered(a, second));
      } finally {
        log.lock.unlock();
      }
    }

    private AuditRecord renumbered(AuditRecord record, long sequence) {
      return new AuditRecord(
          sequence,
          record.id(),
          record.recordedAt(),
          record.event(),
          record.previousHash(),
          record.hash());
    }

    private TenantLog existing(TenantId tenant) {
      TenantLog log = tenants.get(tenant);
      if (log == null) {
        throw new IllegalArgumentException("no events for tenant " + tenant);
      }
      return log;
    }
  }

  private <T> T read(TenantId tenant, java.util.function.Function<TenantLog, T> reader, T absent) {
    Objects.requireNonNull(tenant, "tenant");
    TenantLog log = tenants.get(tenant);
    if (log == null) {
      return absent;
    }
    log.lock.lock();
    try {
      return reader.apply(log);
    } finally {
      log.lock.unlock();
    }
  }

  private static void requirePositive(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
  }
}
