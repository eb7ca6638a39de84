/**
 * Redis infrastructure shared by every Redis store: {@link com.techradium.iris.redis.RedisIris}
 * over a host-owned {@code UnifiedJedis}, {@link com.techradium.iris.redis.RedisScript} for Lua
 * scripts run by EVALSHA, and {@link com.techradium.iris.redis.RedisKeys} for cluster-safe key
 * names.
 */
@NullMarked
package com.techradium.iris.redis;

import org.jspecify.annotations.NullMarked;
