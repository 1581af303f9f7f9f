package io.mpp4j.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client that declares a body and sends it one byte at a time, as a slowloris attack does; it
 * stops by itself once the declared length is sent or the server answers.
 */
final class SlowUpload implements AutoCloseable {
  private final Socket socket;
  private final CompletableFuture<String> response = new CompletableFuture<>();

  private SlowUpload(Socket socket) {
    this.socket = socket;
  }

  static SlowUpload start(int port, String path, int declaredLength, long millisPerByte)
      throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(30_000);
    SlowUpload upload = new SlowUpload(socket);
    OutputStream out = socket.getOutputStream();
    out.write(
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: "
                + declaredLength
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    Thread writer =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < declaredLength && !upload.response.isDone(); i++) {
                  out.write('x');
                  out.flush();
                  Thread.sleep(millisPerByte);
                }
              } catch (IOException | InterruptedException e) {
                // the server closed the connection: expected once it answered
              }
            },
            "slow-upload-writer");
    writer.setDaemon(true);
    writer.start();
    Thread reader =
        new Thread(
            () -> {
              try (InputStream in = socket.getInputStream()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                byte[] chunk = new byte[1024];
                int n;
                while ((n = in.read(chunk)) > 0) {
                  bytes.write(chunk, 0, n);
                  if (bytes.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                    break;
                  }
                }
                upload.response.complete(bytes.toString(StandardCharsets.ISO_8859_1));
              } catch (IOException e) {
                upload.response.complete("");
              }
            },
            "slow-upload-reader");
    reader.setDaemon(true);
    reader.start();
    return upload;
  }

  /** The status line and headers the server answered with, waiting up to {@code timeout}. */
  String response(Duration timeout) throws Exception {
    return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() throws IOException {
    response.complete("");
    socket.close();
  }
}
