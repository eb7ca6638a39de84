/** Redis for the health monitor: {@link com.techradium.iris.redis.monitor.RedisHealthCheck}. */
@NullMarked
package com.techradium.iris.redis.monitor;

import org.jspecify.annotations.NullMarked;
