/** The rate limiter's store on PostgreSQL: rules, quotas and usage, exemptions, violations. */
@NullMarked
package com.techradium.iris.jdbc.ratelimit;

import org.jspecify.annotations.NullMarked;
