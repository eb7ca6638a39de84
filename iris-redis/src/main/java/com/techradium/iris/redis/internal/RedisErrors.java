package com.techradium.iris.redis.internal;

import com.techradium.iris.core.IrisException;
import com.techradium.iris.core.StorageException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Translates Redis failures into {@link StorageException}: the one place where Jedis exceptions
 * become IRIS exceptions. {@link RedisContext#call} and {@link RedisScript#run} go through it.
 */
public final class RedisErrors {
  private RedisErrors() {}

  /**
   * The exception to throw for {@code failure} raised while running {@code operation}: IRIS
   * exceptions pass through unchanged, Jedis failures (connection, timeout, error replies, script
   * errors) become a {@link StorageException} keeping the failure as its cause, and any other
   * runtime exception (a programming error) passes through unchanged.
   */
  public static RuntimeException translate(String operation, RuntimeException failure) {
    if (failure instanceof IrisException) {
      return failure;
    }
    if (failure instanceof JedisException) {
      return new StorageException(
          "Redis " + operation + " failed: " + failure.getMessage(), failure);
    }
    return failure;
  }
}
