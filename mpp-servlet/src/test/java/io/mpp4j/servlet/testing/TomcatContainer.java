package io.mpp4j.servlet.testing;

import jakarta.servlet.ServletContainerInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/** Embedded Tomcat 10.1 (Servlet 6) for end-to-end tests. */
public final class TomcatContainer implements TestContainer {
  private final Tomcat tomcat;
  private final int port;

  private TomcatContainer(Tomcat tomcat, int port) {
    this.tomcat = tomcat;
    this.port = port;
  }

  public static TomcatContainer start(ServletContainerInitializer application) throws Exception {
    Path base = Files.createTempDirectory("mpp-tomcat");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    connector.setProperty("maxHttpHeaderSize", Integer.toString(MAX_REQUEST_HEADER_BYTES));
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", base.toString());
    context.addServletContainerInitializer(application, null);
    tomcat.start();
    if (context.getState() != LifecycleState.STARTED) {
      tomcat.stop();
      tomcat.destroy();
      throw new IllegalStateException("Tomcat context failed to start: " + context.getState());
    }
    return new TomcatContainer(tomcat, connector.getLocalPort());
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public void close() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }
}
