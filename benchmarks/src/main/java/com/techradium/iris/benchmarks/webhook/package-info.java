/**
 * Webhook benchmarks: Standard Webhooks signing beside a bare JDK HMAC, and end-to-end dispatch.
 */
@NullMarked
package com.techradium.iris.benchmarks.webhook;

import org.jspecify.annotations.NullMarked;
