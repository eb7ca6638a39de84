package com.techradium.iris.jdbc.apikey;

import static com.techradium.iris.jdbc.internal.schema.Tables.IRIS_API_KEYS;

import com.fasterxml.jackson.core.type.TypeReference;
import com.techradium.iris.apikey.ApiKeyMode;
import com.techradium.iris.apikey.ApiKeyTier;
import com.techradium.iris.apikey.spi.ApiKeyRecord;
import com.techradium.iris.core.TenantId;
import com.techradium.iris.core.internal.IrisJson;
import com.techradium.iris.jdbc.internal.schema.tables.records.IrisApiKeysRecord;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jooq.JSONB;

/**
 * Maps {@link ApiKeyRecord}s to rows of {@code iris_api_keys} and back. Scopes and CIDRs are stored
 * space-separated (neither can hold a space); metadata as a JSON object. Stateless.
 */
final class ApiKeyRows {
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private ApiKeyRows() {}

  static IrisApiKeysRecord toRow(ApiKeyRecord k) {
    IrisApiKeysRecord row = new IrisApiKeysRecord();
    row.setTenantId(k.tenant().value());
    row.setId(k.id());
    row.setName(k.name());
    row.setOwner(k.owner());
    row.setMode(k.mode().name());
    row.setHint(k.hint());
    row.setSecretHash(k.secretHash());
    row.setPreviousHash(k.previousHash());
    row.setPreviousExpiresAt(k.previousExpiresAt());
    row.setPreviousLastSeenAt(k.previousLastSeenAt());
    row.setScopes(String.join(" ", k.scopes()));
    row.setAllowedCidrs(String.join(" ", k.allowedCidrs()));
    row.setTier(k.tier().name());
    row.setExpiresAt(k.expiresAt());
    row.setMetadata(JSONB.valueOf(IrisJson.write(k.metadata())));
    row.setCreatedAt(k.createdAt());
    row.setLastUsedAt(k.lastUsedAt());
    row.setRotatedAt(k.rotatedAt());
    row.setRevokedAt(k.revokedAt());
    row.setExpiredAt(k.expiredAt());
    row.setWarnedLeadSeconds(k.warnedLead() == null ? null : k.warnedLead().toSeconds());
    return row;
  }

  static ApiKeyRecord toRecord(org.jooq.Record r) {
    Long warned = r.get(IRIS_API_KEYS.WARNED_LEAD_SECONDS);
    return new ApiKeyRecord(
        r.get(IRIS_API_KEYS.ID),
        TenantId.of(r.get(IRIS_API_KEYS.TENANT_ID)),
        r.get(IRIS_API_KEYS.NAME),
        r.get(IRIS_API_KEYS.OWNER),
        ApiKeyMode.valueOf(r.get(IRIS_API_KEYS.MODE)),
        r.get(IRIS_API_KEYS.HINT),
        r.get(IRIS_API_KEYS.SECRET_HASH),
        r.get(IRIS_API_KEYS.PREVIOUS_HASH),
        r.get(IRIS_API_KEYS.PREVIOUS_EXPIRES_AT),
        r.get(IRIS_API_KEYS.PREVIOUS_LAST_SEEN_AT),
        split(r.get(IRIS_API_KEYS.SCOPES)),
        split(r.get(IRIS_API_KEYS.ALLOWED_CIDRS)),
        ApiKeyTier.valueOf(r.get(IRIS_API_KEYS.TIER)),
        r.get(IRIS_API_KEYS.EXPIRES_AT),
        metadata(r.get(IRIS_API_KEYS.METADATA)),
        r.get(IRIS_API_KEYS.CREATED_AT),
        r.get(IRIS_API_KEYS.LAST_USED_AT),
        r.get(IRIS_API_KEYS.ROTATED_AT),
        r.get(IRIS_API_KEYS.REVOKED_AT),
        r.get(IRIS_API_KEYS.EXPIRED_AT),
        warned == null ? null : Duration.ofSeconds(warned));
  }

  private static List<String> split(String joined) {
    return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(" "));
  }

  private static Map<String, String> metadata(JSONB json) {
    try {
      return IrisJson.mapper().readValue(json.data(), STRING_MAP);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("stored API key metadata is not a JSON object of strings", e);
    }
  }
}
