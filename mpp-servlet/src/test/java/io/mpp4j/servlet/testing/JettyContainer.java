package io.mpp4j.servlet.testing;

import jakarta.servlet.ServletContainerInitializer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Embedded Jetty 12 (ee10, Servlet 6) for end-to-end tests. */
public final class JettyContainer implements TestContainer {
  private final Server server;
  private final int port;

  private JettyContainer(Server server, int port) {
    this.server = server;
    this.port = port;
  }

  public static JettyContainer start(ServletContainerInitializer application) throws Exception {
    Server server = new Server();
    HttpConfiguration config = new HttpConfiguration();
    config.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
    config.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServletContainerInitializer(application);
    server.setHandler(context);
    server.start();
    if (!context.isAvailable()) {
      server.stop();
      throw new IllegalStateException("Jetty context failed to start");
    }
    return new JettyContainer(server, connector.getLocalPort());
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
