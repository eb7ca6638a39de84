package com.techradium.iris.ratelimit;

import com.google.common.net.InetAddresses;
import com.techradium.iris.core.ValidationException;
import java.net.InetAddress;
import org.jspecify.annotations.Nullable;

/** IP literals and CIDR blocks, parsed with Guava's {@link InetAddresses} (no DNS lookups). */
final class IpBlocks {
  private IpBlocks() {}

  /** A parsed block: the network's bytes and the prefix length. */
  record Block(byte[] network, int prefix) {
    boolean contains(byte @Nullable [] address) {
      if (address == null || address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  /** The address's bytes, or null when {@code ip} is not an IP literal. */
  static byte @Nullable [] parse(String ip) {
    try {
      return InetAddresses.forString(ip).getAddress();
    } catch (IllegalArgumentException notAnAddress) {
      return null;
    }
  }

  /** The canonical literal of a valid IP ({@code ::1}, {@code 203.0.113.7}). */
  static String canonical(String ip) {
    return InetAddresses.toAddrString(InetAddresses.forString(ip));
  }

  /**
   * The canonical CIDR form of an address or block ({@code 10.1.2.3/8} becomes {@code 10.0.0.0/8},
   * an address alone {@code /32} or {@code /128}).
   *
   * @throws ValidationException on {@code field} when it is neither
   */
  static String canonicalCidr(String field, String value) {
    Block block = block(field, value);
    try {
      return InetAddresses.toAddrString(InetAddress.getByAddress(block.network()))
          + "/"
          + block.prefix();
    } catch (java.net.UnknownHostException e) {
      throw new ValidationException(field, "is not an IP address or CIDR block");
    }
  }

  /** The block {@code value} names; throws on {@code field} when it is malformed. */
  static Block block(String field, String value) {
    int slash = value.indexOf('/');
    String address = slash < 0 ? value : value.substring(0, slash);
    byte[] bytes = address.length() > 64 ? null : parse(address);
    if (bytes == null) {
      throw new ValidationException(field, "is not an IP address or CIDR block");
    }
    int max = bytes.length * 8;
    int prefix = max;
    if (slash >= 0) {
      String digits = value.substring(slash + 1);
      if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)) {
        throw new ValidationException(field, "has a malformed prefix length");
      }
      prefix = Integer.parseInt(digits);
      if (prefix > max) {
        throw new ValidationException(field, "prefix length must be at most " + max);
      }
    }
    byte[] network = bytes.clone();
    for (int bit = prefix; bit < max; bit++) {
      network[bit / 8] &= (byte) ~(1 << (7 - bit % 8));
    }
    return new Block(network, prefix);
  }
}
