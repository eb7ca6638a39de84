package com.techradium.iris.ratelimit.spi;

/**
 * A counter's answer to one {@link CounterCheck}, in microseconds since the epoch (the unit every
 * backend computes in, so that in-memory and Redis answers compare exactly).
 *
 * @param allowed whether the permits could be taken (and were, when the call consumed and every
 *     check of it allowed)
 * @param remaining permits left after this call
 * @param resetAtMicros when the counter is whole again
 * @param retryAfterMicros when denied, how long until the permits could be taken; 0 when allowed
 */
public record CounterResult(
    boolean allowed, long remaining, long resetAtMicros, long retryAfterMicros) {}
