package com.techradium.iris.apikey;

import com.google.common.net.InetAddresses;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One entry of an IP allow-list: an IPv4 or IPv6 network ({@code 10.0.0.0/8}, {@code
 * 2001:db8::/32}) or a single address. Literals are parsed by Guava's {@link InetAddresses}, which
 * never resolves a name. An IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3}) is treated as the
 * IPv4 address it carries, in the list and in the caller's address alike. Immutable.
 */
final class CidrBlock {
  private final byte[] network;
  private final int prefixLength;

  private CidrBlock(byte[] network, int prefixLength) {
    this.network = network;
    this.prefixLength = prefixLength;
  }

  /** Parses {@code address[/prefix]}; empty if it is not a valid literal or prefix. */
  static Optional<CidrBlock> parse(String text) {
    int slash = text.indexOf('/');
    String host = slash < 0 ? text : text.substring(0, slash);
    InetAddress address = address(host);
    if (address == null) {
      return Optional.empty();
    }
    byte[] bytes = address.getAddress();
    int max = bytes.length * 8;
    int prefix = max;
    if (slash >= 0) {
      String bits = text.substring(slash + 1);
      if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)) {
        return Optional.empty();
      }
      prefix = Integer.parseInt(bits);
      // A mapped IPv6 network (::ffff:10.0.0.0/104) becomes its IPv4 network (10.0.0.0/8).
      if (max == 32 && host.contains(":")) {
        prefix -= 96;
      }
      if (prefix < 0 || prefix > max) {
        return Optional.empty();
      }
    }
    return Optional.of(new CidrBlock(mask(bytes, prefix), prefix));
  }

  /** The address of a literal, IPv4-mapped IPv6 unwrapped to IPv4; null if not a literal. */
  static @Nullable InetAddress address(@Nullable String literal) {
    if (literal == null || literal.isEmpty() || literal.length() > 45) {
      return null;
    }
    InetAddress address;
    try {
      address = InetAddresses.forString(literal);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (address instanceof Inet6Address v6 && InetAddresses.isMappedIPv4Address(literal)) {
      return InetAddresses.getCoercedIPv4Address(v6);
    }
    return address;
  }

  /** Whether the address lies in this network. */
  boolean contains(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length != network.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (bytes[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (bytes[full] & mask) == (network[full] & mask);
  }

  /** The canonical form, e.g. {@code 10.0.0.0/8} or {@code 2001:db8::/32}. */
  @Override
  public String toString() {
    try {
      InetAddress address = InetAddress.getByAddress(network);
      return InetAddresses.toAddrString(address) + "/" + prefixLength;
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] mask(byte[] bytes, int prefix) {
    byte[] out = bytes.clone();
    for (int i = 0; i < out.length; i++) {
      int bitsHere = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & ((0xFF << (8 - bitsHere)) & 0xFF));
    }
    return out;
  }
}
