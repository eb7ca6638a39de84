/** JMH benchmarks of the rate limiter beside Bucket4j, in memory and on Redis. */
@NullMarked
package com.techradium.iris.benchmarks.ratelimit;

import org.jspecify.annotations.NullMarked;
