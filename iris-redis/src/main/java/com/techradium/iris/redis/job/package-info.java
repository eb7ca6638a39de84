/**
 * The Redis {@link com.techradium.iris.job.spi.JobStore}: {@link
 * com.techradium.iris.redis.job.RedisJobStore}, with every multi-key change made by one Lua script.
 */
@NullMarked
package com.techradium.iris.redis.job;

import org.jspecify.annotations.NullMarked;
