package io.linkscope.collector.bio;

import com.sun.net.httpserver.HttpServer;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import javax.imageio.ImageIO;

/**
 * The avatar of the screenshot pages (a drawn stoneware vase), served from loopback so that the
 * browser fetches it like any owner's image without leaving the machine.
 */
final class ShowcaseAvatar implements AutoCloseable {
  private final HttpServer server;

  private ShowcaseAvatar(HttpServer server) {
    this.server = server;
  }

  static ShowcaseAvatar serve() throws IOException {
    byte[] png = draw();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/avatar.png",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "image/png");
          exchange.sendResponseHeaders(200, png.length);
          exchange.getResponseBody().write(png);
          exchange.close();
        });
    server.start();
    return new ShowcaseAvatar(server);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/avatar.png";
  }

  private static byte[] draw() {
    int size = 320;
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setPaint(new GradientPaint(0, 0, new Color(0xf4c9a8), size, size, new Color(0xc9785d)));
    g.fillRect(0, 0, size, size);
    g.setColor(new Color(0x8a4a36));
    g.fillRect(0, 250, size, size - 250);
    Path2D vase = new Path2D.Double();
    vase.moveTo(135, 70);
    vase.lineTo(185, 70);
    vase.curveTo(185, 95, 172, 100, 178, 118);
    vase.curveTo(230, 150, 232, 230, 196, 258);
    vase.lineTo(124, 258);
    vase.curveTo(88, 230, 90, 150, 142, 118);
    vase.curveTo(148, 100, 135, 95, 135, 70);
    vase.closePath();
    g.setPaint(new GradientPaint(100, 0, new Color(0x3d5a80), 230, 0, new Color(0x1d2f4a)));
    g.fill(vase);
    g.setColor(new Color(0xe8d5b5));
    g.setStroke(new BasicStroke(6));
    g.draw(new Arc2D.Double(104, 160, 112, 40, 200, 140, Arc2D.OPEN));
    g.setColor(new Color(255, 255, 255, 60));
    g.fill(new Ellipse2D.Double(122, 140, 16, 70));
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
