/**
 * Contract suites of the rate limiter's ports: {@link
 * com.techradium.iris.testkit.ratelimit.RateLimitCountersContract} for counter backends (its groups
 * {@link com.techradium.iris.testkit.ratelimit.CounterAlgorithmContract} and {@link
 * com.techradium.iris.testkit.ratelimit.CounterConcurrencyContract}) and {@link
 * com.techradium.iris.testkit.ratelimit.RateLimitStoreContract} for stores of rules, quotas,
 * exemptions and violations, and {@link
 * com.techradium.iris.testkit.ratelimit.RateLimitQuotaCheckContract} for checks that take quotas
 * with their rules on a store (and a counter backend). An adapter extends one and implements {@code
 * newStore(Clock)}.
 */
@NullMarked
package com.techradium.iris.testkit.ratelimit;

import org.jspecify.annotations.NullMarked;
