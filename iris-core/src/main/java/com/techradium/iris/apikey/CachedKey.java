package com.techradium.iris.apikey;

import com.techradium.iris.apikey.spi.ApiKeyRecord;
import java.net.InetAddress;
import java.util.List;
import java.util.Set;

/**
 * A key as the validation cache holds it, under the hash of one of its secrets: the stored record
 * with its scopes and allow-list prepared for matching. Immutable.
 *
 * @param record the key as read from the store
 * @param previousSecret whether the hash it is cached under is the rotated-away secret's
 * @param scopes granted scopes
 * @param wildcardPrefixes what the granted wildcards allow
 * @param allowList parsed allow-list; empty allows every address
 */
record CachedKey(
    ApiKeyRecord record,
    boolean previousSecret,
    Set<String> scopes,
    List<String> wildcardPrefixes,
    List<CidrBlock> allowList) {

  static CachedKey of(ApiKeyRecord record, boolean previousSecret) {
    Set<String> scopes = Set.copyOf(record.scopes());
    List<CidrBlock> blocks =
        record.allowedCidrs().stream().flatMap(c -> CidrBlock.parse(c).stream()).toList();
    return new CachedKey(record, previousSecret, scopes, Scopes.wildcardPrefixes(scopes), blocks);
  }

  boolean allowsAddress(@org.jspecify.annotations.Nullable String ip) {
    if (allowList.isEmpty()) {
      return true;
    }
    InetAddress address = CidrBlock.address(ip);
    if (address == null) {
      return false;
    }
    for (CidrBlock block : allowList) {
      if (block.contains(address)) {
        return true;
      }
    }
    return false;
  }

  boolean allowsScopes(Set<String> required) {
    for (String scope : required) {
      if (!Scopes.allows(scopes, wildcardPrefixes, scope)) {
        return false;
      }
    }
    return true;
  }
}
