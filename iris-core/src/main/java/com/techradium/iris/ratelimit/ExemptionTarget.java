package com.techradium.iris.ratelimit;

/** What an {@link Exemption} names. */
public enum ExemptionTarget {
  /** A user, by id. */
  USER,
  /** An API key, by public id. */
  API_KEY,
  /** An IP address or a CIDR block, IPv4 or IPv6 ({@code 10.0.0.0/8}, {@code 2001:db8::/32}). */
  IP
}
