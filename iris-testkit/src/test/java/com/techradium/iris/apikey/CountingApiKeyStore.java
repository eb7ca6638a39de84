package com.techradium.iris.apikey;

import com.techradium.iris.apikey.spi.ApiKeyRecord;
import com.techradium.iris.apikey.spi.ApiKeyStore;
import com.techradium.iris.apikey.spi.HourlyUsage;
import com.techradium.iris.apikey.spi.KeySighting;
import com.techradium.iris.apikey.spi.UsageIncrement;
import com.techradium.iris.core.Page;
import com.techradium.iris.core.PageRequest;
import com.techradium.iris.core.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** Passes every call to a store and counts lookups by hash and usage writes. */
class CountingApiKeyStore implements ApiKeyStore {
  final ApiKeyStore delegate;
  final AtomicInteger lookups = new AtomicInteger();
  final AtomicInteger usageWrites = new AtomicInteger();
  volatile boolean failUsage;

  CountingApiKeyStore(ApiKeyStore delegate) {
    this.delegate = delegate;
  }

  @Override
  public void insert(ApiKeyRecord key) {
    delegate.insert(key);
  }

  @Override
  public Optional<ApiKeyRecord> findByHash(String secretHash) {
    lookups.incrementAndGet();
    return delegate.findByHash(secretHash);
  }

  @Override
  public Optional<ApiKeyRecord> get(TenantId tenant, UUID id) {
    return delegate.get(tenant, id);
  }

  @Override
  public Optional<ApiKeyRecord> update(
      TenantId tenant, UUID id, UnaryOperator<ApiKeyRecord> change) {
    return delegate.update(tenant, id, change);
  }

  @Override
  public Page<ApiKeyRecord> listActive(TenantId tenant, Instant now, PageRequest page) {
    return delegate.listActive(tenant, now, page);
  }

  @Override
  public long countActive(TenantId tenant, Instant now) {
    return delegate.countActive(tenant, now);
  }

  @Override
  public List<ApiKeyRecord> expiring(TenantId tenant, Instant from, Instant to, int limit) {
    return delegate.expiring(tenant, from, to, limit);
  }

  @Override
  public List<ApiKeyRecord> expiringBefore(Instant from, Instant to, int limit) {
    return delegate.expiringBefore(from, to, limit);
  }

  @Override
  public List<ApiKeyRecord> expireDue(Instant now, int limit) {
    return delegate.expireDue(now, limit);
  }

  @Override
  public int deleteEnded(Instant cutoff, int limit) {
    return delegate.deleteEnded(cutoff, limit);
  }

  @Override
  public void recordUsage(List<UsageIncrement> increments, List<KeySighting> sightings) {
    if (failUsage) {
      throw new com.techradium.iris.core.StorageException(
          "usage store down", new java.io.IOException("down"));
    }
    usageWrites.incrementAndGet();
    delegate.recordUsage(increments, sightings);
  }

  @Override
  public List<HourlyUsage> usage(TenantId tenant, UUID keyId, Instant from, Instant to) {
    return delegate.usage(tenant, keyId, from, to);
  }
}
