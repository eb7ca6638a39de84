/**
 * Rate-limit counters on Redis: every rule of a request decided in one script call, shared by every
 * node on the same Redis.
 */
@NullMarked
package com.techradium.iris.redis.ratelimit;

import org.jspecify.annotations.NullMarked;
