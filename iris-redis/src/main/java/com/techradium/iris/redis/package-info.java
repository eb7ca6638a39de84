/**
 * Redis adapters: the front door {@link com.techradium.iris.redis.RedisIris}, which lays Redis
 * stores over a storage registry, and the stores themselves in sub-packages (for example {@link
 * com.techradium.iris.redis.job.RedisJobStore}). Their shared plumbing lives in {@code
 * com.techradium.iris.redis.internal}, which is not part of the API.
 */
@NullMarked
package com.techradium.iris.redis;

import org.jspecify.annotations.NullMarked;
