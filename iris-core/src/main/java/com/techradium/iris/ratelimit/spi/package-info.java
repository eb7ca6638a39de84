/**
 * What a rate-limit backend author needs: the counter port ({@link
 * com.techradium.iris.ratelimit.spi.RateLimitCounters}), the store of rules, quotas, exemptions and
 * violations ({@link com.techradium.iris.ratelimit.spi.RateLimitStore}), and the algorithms as pure
 * functions every counter backend applies.
 */
@NullMarked
package com.techradium.iris.ratelimit.spi;

import org.jspecify.annotations.NullMarked;
