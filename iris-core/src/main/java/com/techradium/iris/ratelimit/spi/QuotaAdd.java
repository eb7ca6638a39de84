package com.techradium.iris.ratelimit.spi;

/**
 * The outcome of {@link RateLimitStore#addUsage}.
 *
 * @param added whether the amount was added (false: it would have passed the limit; nothing added)
 * @param used the period's usage after the call
 */
public record QuotaAdd(boolean added, long used) {}
