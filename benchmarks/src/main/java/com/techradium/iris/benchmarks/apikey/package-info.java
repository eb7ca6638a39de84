/**
 * JMH benchmarks of the API key manager: cached and uncached validation and checksum rejection,
 * beside a bare HMAC-SHA256 of the same key.
 */
@NullMarked
package com.techradium.iris.benchmarks.apikey;

import org.jspecify.annotations.NullMarked;
