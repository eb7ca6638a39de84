package com.techradium.iris.audit.spi;

import com.techradium.iris.audit.AuditCategory;
import com.techradium.iris.audit.AuditLog;
import com.techradium.iris.audit.AuditQuery;
import com.techradium.iris.audit.AuditRecord;
import com.techradium.iris.audit.Checkpoint;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Holds audit events in hash chains, one chain per (tenant, {@link AuditCategory}), with their
 * checkpoints and the tenants' legal holds. {@link AuditLog} is the only intended caller; it has
 * validated everything it passes.
 *
 * <p>Implementations must be thread-safe and, where several processes share the storage, safe
 * across processes: {@link #append} must compute sequences and hashes from the chain head it reads
 * inside the same atomic step (transaction) that writes the events and moves the head, so
 * concurrent appends never fork a chain. Every adapter passes {@code AuditStoreContract} from
 * iris-testkit. Failures of the backend are {@link com.techradium.iris.core.StorageException}s.
 */
public interface AuditStore {

  /**
   * Appends the records atomically: either all are stored or none. For each record, in list order,
   * the store takes the head of the record's chain (or sequence 0 and {@link
   * AuditChain#GENESIS_HASH} for a new chain), assigns the next sequence, computes the hash with
   * {@link AuditRecord#chain} and moves the head. Records may belong to several tenants and
   * categories.
   *
   * @param records the records to chain and store, in order
   * @return the stored records, in the order given
   */
  List<AuditRecord> append(List<NewAuditRecord> records);

  /**
   * The head of a chain, if the chain has any event.
   *
   * @param tenant the owning tenant
   * @param category the chain's stream
   * @return the head, or empty for a chain without events
   */
  Optional<ChainHead> head(TenantId tenant, AuditCategory category);

  /**
   * Up to {@code limit} records of one chain with sequence greater than {@code afterSequence}, in
   * ascending sequence order, as stored (for verification: no checks applied).
   *
   * @param tenant the owning tenant
   * @param category the chain's stream
   * @param afterSequence the sequence to read after; 0 from the start
   * @param limit the most records returned
   * @return the records, in ascending sequence order
   */
  List<AuditRecord> readChain(
      TenantId tenant, AuditCategory category, long afterSequence, int limit);

  /**
   * One page of the events matching {@code query}, newest first: descending ({@code recordedAt},
   * {@code id}). The cursor is an {@link AuditPosition#cursor()}.
   *
   * @param query the conditions
   * @param page the page size and cursor
   * @return one page of records
   */
  Page<AuditRecord> query(AuditQuery query, PageRequest page);

  /**
   * One page of the events matching {@code query}, oldest first: ascending ({@code recordedAt},
   * {@code id}), for exports. The cursor is an {@link AuditPosition#cursor()}.
   *
   * @param query the conditions
   * @param page the page size and cursor
   * @return one page of records
   */
  Page<AuditRecord> scan(AuditQuery query, PageRequest page);

  /**
   * How many events match {@code query} (used to count failed logins for brute force).
   *
   * @param query the conditions
   * @return the number of matching events
   */
  long count(AuditQuery query);

  /**
   * Stores a checkpoint. A second checkpoint for the same chain and sequence is ignored: the first
   * one stays.
   *
   * @param checkpoint the checkpoint to store
   */
  void saveCheckpoint(Checkpoint checkpoint);

  /**
   * The checkpoint of a chain with the highest sequence not above {@code atOrBeforeSequence}.
   *
   * @param tenant the owning tenant
   * @param category the chain's stream
   * @param atOrBeforeSequence the highest sequence considered
   * @return the checkpoint, or empty if the chain has none at or before that sequence
   */
  Optional<Checkpoint> latestCheckpoint(
      TenantId tenant, AuditCategory category, long atOrBeforeSequence);

  /**
   * Up to {@code limit} checkpoints of a chain after {@code afterSequence}, ascending.
   *
   * @param tenant the owning tenant
   * @param category the chain's stream
   * @param afterSequence the sequence to list after
   * @param limit the most checkpoints returned
   * @return the checkpoints, in ascending sequence order
   */
  List<Checkpoint> checkpoints(
      TenantId tenant, AuditCategory category, long afterSequence, int limit);

  /**
   * Deletes, in one atomic step, up to {@code limit} events of a chain with sequence at most {@code
   * throughSequence}, lowest sequences first. Chain heads and checkpoints are kept.
   *
   * @param tenant the owning tenant
   * @param category the chain's stream
   * @param throughSequence the highest sequence deleted
   * @param limit the most events deleted
   * @return how many events were deleted
   */
  int deleteThrough(TenantId tenant, AuditCategory category, long throughSequence, int limit);

  /**
   * Places ({@code true}) or releases ({@code false}) the legal hold of a tenant.
   *
   * @param tenant the owning tenant
   * @param held true to place the hold, false to release it
   */
  void setLegalHold(TenantId tenant, boolean held);

  /**
   * Whether the tenant is under legal hold, which suspends retention deletes.
   *
   * @param tenant the owning tenant
   * @return true while a hold is in place
   */
  boolean hasLegalHold(TenantId tenant);

  /**
   * Up to {@code limit} tenants that have events, in ascending id order after {@code after}.
   *
   * @param after the tenant to list after, or null from the start
   * @param limit the most tenants returned
   * @return the tenants, in ascending id order
   */
  List<TenantId> tenants(@Nullable TenantId after, int limit);
}
