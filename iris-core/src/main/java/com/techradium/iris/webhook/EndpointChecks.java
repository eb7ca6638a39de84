package com.techradium.iris.webhook;

import com.techradium.iris.core.Validation;
import com.techradium.iris.webhook.spi.Cidr;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Checks an {@link EndpointSpec}, recording every bad field on one {@link Validation}. */
final class EndpointChecks {
  static final int MAX_URL = 2000;
  static final int MAX_DESCRIPTION = 500;
  static final int MAX_HEADERS = 20;
  static final int MAX_RATE = 10_000;
  static final int MAX_SCHEDULE = 30;
  private static final Set<String> RESERVED_HEADERS =
      Set.of("content-type", "content-length", "host", "transfer-encoding", "connection");

  private EndpointChecks() {}

  static void check(
      Validation v, EndpointSpec spec, EventCatalog catalog, boolean allowHttp, boolean creating) {
    url(v, spec.url(), allowHttp);
    v.optionalText("description", spec.description(), MAX_DESCRIPTION);
    for (String type : spec.eventTypes()) {
      v.check(catalog.contains(type), "eventTypes", "unknown event type " + type);
    }
    v.check(spec.headers().size() <= MAX_HEADERS, "headers", "must be at most " + MAX_HEADERS);
    for (Map.Entry<String, String> header : spec.headers().entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      v.check(
          name.matches("[a-z0-9!#$%&'*+.^_`|~-]{1,100}"),
          "headers",
          "header name " + header.getKey() + " is not a token");
      v.check(
          !name.startsWith("webhook-") && !RESERVED_HEADERS.contains(name),
          "headers",
          "header " + header.getKey() + " is set by the dispatcher");
      v.check(
          header.getValue().length() <= 1000 && !Validation.hasControlCharacter(header.getValue()),
          "headers",
          "value of " + header.getKey() + " must be one line of at most 1000 characters");
    }
    if (spec.rateLimitPerSecond() != null) {
      v.range("rateLimitPerSecond", spec.rateLimitPerSecond(), 1, MAX_RATE);
    }
    for (String cidr : spec.allowedCidrs()) {
      try {
        Cidr.parse(cidr);
      } catch (IllegalArgumentException e) {
        v.check(false, "allowedCidrs", cidr + " is not a network in CIDR notation");
      }
    }
    v.check(
        spec.retrySchedule().size() <= MAX_SCHEDULE,
        "retrySchedule",
        "must have at most " + MAX_SCHEDULE + " delays");
    for (Duration delay : spec.retrySchedule()) {
      v.check(
          delay.compareTo(Duration.ofSeconds(1)) >= 0
              && delay.compareTo(RetrySchedule.MAX_DELAY) <= 0,
          "retrySchedule",
          "delays must be between 1 s and 24 h, got " + delay);
    }
    if (creating) {
      if (spec.secret() != null) {
        try {
          WebhookSigner.decode(spec.secret(), "secret");
        } catch (IllegalArgumentException e) {
          v.check(false, "secret", e.getMessage().substring("secret ".length()));
        }
      }
    } else {
      v.check(spec.secret() == null, "secret", "cannot change on update: rotate the secret");
    }
  }

  private static void url(Validation v, String url, boolean allowHttp) {
    if (url.length() > MAX_URL) {
      v.check(false, "url", "must be at most " + MAX_URL + " characters");
      return;
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      v.check(false, "url", "is not a URL");
      return;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http") && !allowHttp) {
      v.check(false, "url", "must use https (http is not allowed by this dispatcher)");
    } else {
      v.check(scheme.equals("https") || scheme.equals("http"), "url", "must be an https URL");
    }
    v.check(uri.getHost() != null && !uri.getHost().isBlank(), "url", "must name a host");
    v.check(uri.getUserInfo() == null, "url", "must not carry credentials");
    v.check(uri.getFragment() == null, "url", "must not have a fragment");
  }
}
