package com.techradium.iris.webhook.spi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * A network in CIDR notation, IPv4 or IPv6, e.g. {@code 10.0.0.0/8} or {@code fc00::/7}. Parsing
 * never looks anything up in DNS.
 *
 * @param network the network's address bytes (4 or 16)
 * @param prefix the prefix length
 */
public record Cidr(byte[] network, int prefix) {
  /**
   * Creates a {@code Cidr}, checking its components.
   *
   * @param network the network's address bytes (4 or 16)
   * @param prefix the prefix length
   * @throws IllegalArgumentException if a component is out of range
   */
  public Cidr {
    Objects.requireNonNull(network, "network");
    if (network.length != 4 && network.length != 16) {
      throw new IllegalArgumentException("network must have 4 or 16 bytes");
    }
    if (prefix < 0 || prefix > network.length * 8) {
      throw new IllegalArgumentException(
          "prefix must be between 0 and " + network.length * 8 + ", got " + prefix);
    }
    network = network.clone();
  }

  /**
   * Parses {@code address/prefix} (a bare address means a single host).
   *
   * @param text an IP literal, optionally with {@code /prefix}
   * @return the network
   * @throws IllegalArgumentException if it is not an IP literal with a valid prefix
   */
  public static Cidr parse(String text) {
    Objects.requireNonNull(text, "text");
    int slash = text.indexOf('/');
    String address = slash < 0 ? text : text.substring(0, slash);
    byte[] bytes = literal(address);
    int prefix;
    try {
      prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a CIDR: " + text);
    }
    return new Cidr(bytes, prefix);
  }

  /**
   * The bytes of an IP literal, without DNS.
   *
   * @param address an IPv4 or IPv6 literal
   * @return the address's 4 or 16 bytes
   * @throws IllegalArgumentException otherwise
   */
  public static byte[] literal(String address) {
    boolean v4 = address.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = address.indexOf(':') >= 0 && address.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      throw new IllegalArgumentException("not an IP address: " + address);
    }
    try {
      return InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + address);
    }
  }

  /**
   * Whether {@code address} lies in this network (IPv4 and IPv6 never match each other).
   *
   * @param address the address to test
   * @return true if it lies in this network
   */
  public boolean contains(InetAddress address) {
    byte[] other = address.getAddress();
    if (other.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (other[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (other[full] & mask) == (network[full] & mask);
  }

  /**
   * The network's address bytes, 4 or 16 of them.
   *
   * @return a copy of the bytes
   */
  @Override
  public byte[] network() {
    return network.clone();
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(network) * 31 + prefix;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
