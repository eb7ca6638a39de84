/**
 * API keys on Redis: {@link com.techradium.iris.redis.apikey.RedisApiKeyChangeFeed}, through which
 * every node's validation cache learns of revoked, rotated and updated keys.
 */
@NullMarked
package com.techradium.iris.redis.apikey;

import org.jspecify.annotations.NullMarked;
