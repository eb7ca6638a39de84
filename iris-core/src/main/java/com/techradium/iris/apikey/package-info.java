/**
 * API keys: {@link com.techradium.iris.apikey.ApiKeyManager} issues checksummed keys that secret
 * scanners recognise, keeps only their peppered hashes in an {@link
 * com.techradium.iris.apikey.spi.ApiKeyStore}, validates them (scopes with wildcards, IPv4 and IPv6
 * allow-lists, expiry) from an in-process cache, rotates them with a grace period, revokes them on
 * every node, counts their usage and warns before they expire.
 */
@NullMarked
package com.techradium.iris.apikey;

import org.jspecify.annotations.NullMarked;
