package io.mpp4j.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy in front of a shared server (a database, a cache), so a test can take "the
 * server" away (close every connection and stop listening), freeze it (accept but forward nothing)
 * or bring it back on the same port, without touching the real server.
 */
public final class TcpProxy implements AutoCloseable {
  private final String targetHost;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile ServerSocket server;
  private volatile boolean frozen;
  private int port;

  public TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  /** Listens (again) on the same port as before, or on a free one the first time. */
  public synchronized TcpProxy start() throws IOException {
    ServerSocket listening = new ServerSocket();
    listening.setReuseAddress(true);
    listening.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
    port = listening.getLocalPort();
    server = listening;
    frozen = false;
    Thread acceptor = new Thread(() -> accept(listening), "tcp-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return this;
  }

  public int port() {
    return port;
  }

  /** Stops listening and resets every connection, as a crashed server would. */
  public synchronized void stop() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    sockets.clear();
  }

  /** Keeps connections open and accepts new ones, but forwards nothing: a hung server. */
  public void freeze() {
    frozen = true;
  }

  @Override
  public void close() throws IOException {
    stop();
  }

  private void accept(ServerSocket listening) {
    while (!listening.isClosed()) {
      try {
        Socket client = listening.accept();
        synchronized (this) {
          // a connection accepted while stop() ran must not outlive it
          if (listening.isClosed()) {
            client.close();
            return;
          }
          sockets.add(client);
          if (frozen) {
            continue;
          }
          Socket upstream = new Socket(targetHost, targetPort);
          sockets.add(upstream);
          pipe(client, upstream);
          pipe(upstream, client);
        }
      } catch (IOException e) {
        // listening socket closed
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  while (frozen) {
                    Thread.sleep(20);
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                // either side closed
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-proxy-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
