package io.mpp4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay to a real server that the test can cut (every connection dropped, new ones refused,
 * like a database that went away) and restore on the same port.
 */
final class CuttableProxy implements AutoCloseable {
  private final String targetHost;
  private final int targetPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listener;
  private int port;

  CuttableProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  int port() {
    return port;
  }

  /** Listens (again), on a free port the first time and on the same port afterwards. */
  synchronized CuttableProxy open() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getByName(Backends.HOST), port));
    port = socket.getLocalPort();
    listener = socket;
    Thread acceptor = new Thread(() -> accept(socket), "proxy-accept-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
    return this;
  }

  /** Stops listening and drops every relayed connection. */
  synchronized void cut() throws IOException {
    listener.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    sockets.clear();
  }

  @Override
  public void close() throws IOException {
    cut();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket upstream;
        try {
          upstream = new Socket(targetHost, targetPort);
        } catch (IOException e) {
          client.close();
          continue;
        }
        sockets.add(client);
        sockets.add(upstream);
        if (socket.isClosed()) {
          client.close();
          upstream.close();
          return;
        }
        relay(client, upstream);
        relay(upstream, client);
      } catch (IOException e) {
        // the listener was closed by cut()
      }
    }
  }

  private void relay(Socket from, Socket to) {
    Thread pump =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // either side closed
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "proxy-relay-" + port);
    pump.setDaemon(true);
    pump.start();
  }

  private void closeQuietly(Socket socket) {
    sockets.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
