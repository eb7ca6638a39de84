package com.techradium.iris.okhttp.webhook;

import com.techradium.iris.webhook.spi.AddressPolicy;
import com.techradium.iris.webhook.spi.Cidr;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.List;
import javax.net.SocketFactory;

/**
 * Makes sockets that check the address they are about to connect to, whatever way it was found
 * (DNS, an IP literal in the URL, a cached route): the last line of the SSRF guard, at connection
 * time.
 */
final class GuardedSocketFactory extends SocketFactory {
  private final AddressPolicy policy;
  private final List<Cidr> endpointCidrs;

  GuardedSocketFactory(AddressPolicy policy, List<Cidr> endpointCidrs) {
    this.policy = policy;
    this.endpointCidrs = List.copyOf(endpointCidrs);
  }

  /** A socket that refuses forbidden addresses in {@link #connect(SocketAddress, int)}. */
  private final class GuardedSocket extends Socket {
    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      if (endpoint instanceof InetSocketAddress inet && inet.getAddress() != null) {
        var refusal = policy.refusal(inet.getAddress(), endpointCidrs);
        if (refusal.isPresent()) {
          close();
          throw new IOException("refused by the SSRF guard: " + refusal.get());
        }
      }
      super.connect(endpoint, timeout);
    }
  }

  @Override
  public Socket createSocket() throws SocketException {
    Socket socket = new GuardedSocket();
    // A webhook is a few small writes (headers, then body): without TCP_NODELAY, Nagle's
    // algorithm and the receiver's delayed ACK add about 40 ms to each request.
    socket.setTcpNoDelay(true);
    return socket;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    Socket socket = createSocket();
    socket.connect(new InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    Socket socket = createSocket();
    socket.bind(new InetSocketAddress(localHost, localPort));
    socket.connect(new InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket socket = createSocket();
    socket.connect(new InetSocketAddress(host, port));
    return socket;
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    Socket socket = createSocket();
    socket.bind(new InetSocketAddress(localAddress, localPort));
    socket.connect(new InetSocketAddress(address, port));
    return socket;
  }
}
