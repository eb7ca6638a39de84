package com.techradium.iris.webhook.spi;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SSRF guard's rule: which resolved addresses a webhook may connect to. Refused by default:
 * loopback, "this" network, private (RFC 1918 and IPv6 unique-local), link-local (which holds the
 * cloud metadata address 169.254.169.254), carrier-grade NAT (RFC 6598, which holds Alibaba's
 * metadata address), benchmarking, IETF protocol and reserved ranges, multicast and broadcast. The
 * host may allow specific networks (for example a loopback receiver in tests, or an internal
 * partner network). An endpoint's own allow-list narrows what it may reach further.
 *
 * <p>A transport applies it to every address it is about to connect to, after DNS resolution, so
 * that a name that resolves to a public address when saved and a private one later (DNS rebinding)
 * is still refused. Immutable and thread-safe.
 */
public final class AddressPolicy {
  /** The networks refused unless allowed. */
  public static final List<Cidr> FORBIDDEN =
      List.of(
              "0.0.0.0/8",
              "10.0.0.0/8",
              "100.64.0.0/10",
              "127.0.0.0/8",
              "169.254.0.0/16",
              "172.16.0.0/12",
              "192.0.0.0/24",
              "192.0.2.0/24",
              "192.168.0.0/16",
              "198.18.0.0/15",
              "198.51.100.0/24",
              "203.0.113.0/24",
              "224.0.0.0/4",
              "240.0.0.0/4",
              "::/128",
              "::1/128",
              "64:ff9b::/96",
              "100::/64",
              "2001:db8::/32",
              "fc00::/7",
              "fe80::/10",
              "ff00::/8")
          .stream()
          .map(Cidr::parse)
          .toList();

  private final List<Cidr> allowed;

  private AddressPolicy(List<Cidr> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  /**
   * Refuses every forbidden network.
   *
   * @return the policy without exemptions
   */
  public static AddressPolicy strict() {
    return new AddressPolicy(List.of());
  }

  /**
   * Refuses every forbidden network except {@code allowed}.
   *
   * @param allowed the networks to exempt, for example a test server's
   * @return the policy
   */
  public static AddressPolicy allowing(List<Cidr> allowed) {
    return new AddressPolicy(Objects.requireNonNull(allowed, "allowed"));
  }

  /**
   * The networks exempted from the guard.
   *
   * @return the exempted networks
   */
  public List<Cidr> allowed() {
    return allowed;
  }

  /**
   * Why {@code address} may not be connected to for an endpoint whose allow-list is {@code
   * endpointCidrs} (empty for any permitted address), or empty if it may.
   *
   * @param address a resolved address of the endpoint's host
   * @param endpointCidrs the endpoint's own allow-list, empty for none
   * @return the reason for refusing, or empty if the address may be used
   */
  public Optional<String> refusal(InetAddress address, List<Cidr> endpointCidrs) {
    Objects.requireNonNull(address, "address");
    if (!endpointCidrs.isEmpty() && endpointCidrs.stream().noneMatch(c -> c.contains(address))) {
      return Optional.of(address.getHostAddress() + " is outside the endpoint's allowed networks");
    }
    if (allowed.stream().anyMatch(c -> c.contains(address))) {
      return Optional.empty();
    }
    if (address.isAnyLocalAddress()
        || address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()
        || FORBIDDEN.stream().anyMatch(c -> c.contains(address))
        || isBroadcast(address)) {
      return Optional.of(address.getHostAddress() + " is a private or reserved address");
    }
    return Optional.empty();
  }

  private static boolean isBroadcast(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 4 && (b[0] & b[1] & b[2] & b[3]) == (byte) 0xFF;
  }

  @Override
  public String toString() {
    return "AddressPolicy[allowed=" + allowed + "]";
  }
}
