/**
 * Rate limiting: rules per tenant, user, API key, IP address and resource under four algorithms
 * (sliding-window counter, sliding-window log, token bucket, GCRA), login protection, daily and
 * monthly quotas, exemptions and aggregated violations. The host uses {@link
 * com.techradium.iris.ratelimit.RateLimiter}; store and counter authors implement the ports in
 * {@code ratelimit.spi}.
 */
@NullMarked
package com.techradium.iris.ratelimit;

import org.jspecify.annotations.NullMarked;
