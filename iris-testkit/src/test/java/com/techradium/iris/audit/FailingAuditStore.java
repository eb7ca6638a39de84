package com.techradium.iris.audit;

import com.techradium.iris.audit.spi.AuditStore;
import com.techradium.iris.audit.spi.ChainHead;
import com.techradium.iris.audit.spi.NewAuditRecord;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.StorageException;
import com.techradium.iris.core.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** Delegates to another store, failing the next {@link #failAppends(int)} appends. */
final class FailingAuditStore implements AuditStore {
  private final AuditStore delegate;
  private final AtomicInteger appendsToFail = new AtomicInteger();
  private final AtomicInteger failedAppends = new AtomicInteger();

  FailingAuditStore(AuditStore delegate) {
    this.delegate = delegate;
  }

  /** Makes the next {@code count} appends fail (Integer.MAX_VALUE: all of them). */
  void failAppends(int count) {
    appendsToFail.set(count);
  }

  int failedAppends() {
    return failedAppends.get();
  }

  @Override
  public List<AuditRecord> append(List<NewAuditRecord> records) {
    if (appendsToFail.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      failedAppends.incrementAndGet();
      throw new StorageException(
          "database unavailable", new java.io.IOException("connection reset"));
    }
    return delegate.append(records);
  }

  @Override
  public Optional<ChainHead> head(TenantId tenant, AuditCategory category) {
    return delegate.head(tenant, category);
  }

  @Override
  public List<AuditRecord> readChain(
      TenantId tenant, AuditCategory category, long afterSequence, int limit) {
    return delegate.readChain(tenant, category, afterSequence, limit);
  }

  @Override
  public Page<AuditRecord> query(AuditQuery query, PageRequest page) {
    return delegate.query(query, page);
  }

  @Override
  public Page<AuditRecord> scan(AuditQuery query, PageRequest page) {
    return delegate.scan(query, page);
  }

  @Override
  public long count(AuditQuery query) {
    return delegate.count(query);
  }

  @Override
  public void saveCheckpoint(Checkpoint checkpoint) {
    delegate.saveCheckpoint(checkpoint);
  }

  @Override
  public Optional<Checkpoint> latestCheckpoint(
      TenantId tenant, AuditCategory category, long atOrBeforeSequence) {
    return delegate.latestCheckpoint(tenant, category, atOrBeforeSequence);
  }

  @Override
  public List<Checkpoint> checkpoints(
      TenantId tenant, AuditCategory category, long afterSequence, int limit) {
    return delegate.checkpoints(tenant, category, afterSequence, limit);
  }

  @Override
  public int deleteThrough(
      TenantId tenant, AuditCategory category, long throughSequence, int limit) {
    return delegate.deleteThrough(tenant, category, throughSequence, limit);
  }

  @Override
  public void setLegalHold(TenantId tenant, boolean held) {
    delegate.setLegalHold(tenant, held);
  }

  @Override
  public boolean hasLegalHold(TenantId tenant) {
    return delegate.hasLegalHold(tenant);
  }

  @Override
  public List<TenantId> tenants(@Nullable TenantId after, int limit) {
    return delegate.tenants(after, limit);
  }
}
