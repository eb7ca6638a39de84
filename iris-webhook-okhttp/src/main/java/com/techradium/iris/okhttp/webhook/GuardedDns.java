package com.techradium.iris.okhttp.webhook;

import com.techradium.iris.webhook.spi.AddressPolicy;
import com.techradium.iris.webhook.spi.Cidr;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import okhttp3.Dns;

/**
 * Resolves a host and refuses it unless every address it resolves to is permitted: a name that
 * resolves to one public and one private address is refused whole, so neither the first connection
 * nor a fallback can reach the private one. Equal for equal allow-lists, so OkHttp pools
 * connections per allow-list.
 */
final class GuardedDns implements Dns {
  private final Dns delegate;
  private final AddressPolicy policy;
  private final List<Cidr> endpointCidrs;

  GuardedDns(Dns delegate, AddressPolicy policy, List<Cidr> endpointCidrs) {
    this.delegate = delegate;
    this.policy = policy;
    this.endpointCidrs = List.copyOf(endpointCidrs);
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    List<InetAddress> addresses = delegate.lookup(hostname);
    for (InetAddress address : addresses) {
      var refusal = policy.refusal(address, endpointCidrs);
      if (refusal.isPresent()) {
        throw new UnknownHostException(
            "refused by the SSRF guard: " + hostname + " resolves to " + refusal.get());
      }
    }
    return addresses;
  }

  @Override
  public boolean equals(@org.jspecify.annotations.Nullable Object o) {
    return o instanceof GuardedDns d
        && d.delegate.equals(delegate)
        && d.policy == policy
        && d.endpointCidrs.equals(endpointCidrs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(delegate, System.identityHashCode(policy), endpointCidrs);
  }
}
