/**
 * The webhook dispatcher's HTTP transport on OkHttp: {@link
 * com.techradium.iris.okhttp.webhook.OkHttpWebhookTransport}, with the SSRF guard applied to every
 * resolved address and again to every socket before it connects.
 */
@NullMarked
package com.techradium.iris.okhttp.webhook;

import org.jspecify.annotations.NullMarked;
