package io.srespace.fixer.runtime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Just enough XML-RPC over HTTP for supervisord's API, so that talking to it needs no library:
 * strings, integers and booleans go out; every XML-RPC type comes back as plain Java values.
 */
final class XmlRpcClient {

  /** An XML-RPC fault: the server understood the call and refused it. */
  static final class Fault extends Exception {
    private final int code;
    private final String faultString;

    Fault(int code, String faultString) {
      super(faultString + " (fault " + code + ")");
      this.code = code;
      this.faultString = faultString;
    }

    int code() {
      return code;
    }

    String faultString() {
      return faultString;
    }

    /** The fault's name as supervisord spells it first in its fault string: "BAD_NAME". */
    String name() {
      int colon = faultString.indexOf(':');
      return (colon < 0 ? faultString : faultString.substring(0, colon)).trim();
    }
  }

  /** The server answered with an HTTP status other than 200. */
  static final class HttpStatusException extends IOException {
    HttpStatusException(String message) {
      super(message);
    }
  }

  private final URI endpoint;
  private final Duration timeout;
  private final String authorization;
  private final HttpClient http;

  /** A client posting to {@code endpoint}; {@code username} null means no basic authentication. */
  XmlRpcClient(URI endpoint, Duration timeout, String username, String password) {
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.authorization =
        username == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    // supervisord's HTTP server speaks HTTP/1.x only: no h2c upgrade offer.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
  }

  URI endpoint() {
    return endpoint;
  }

  /**
   * Calls {@code method} with {@code params} (String, Integer, Long, Boolean or Double) and returns
   * the result: String, Integer, Long, Boolean, Double, byte[], List, Map or null.
   *
   * @throws Fault when the server answers with an XML-RPC fault
   * @throws IOException when the server cannot be reached or answers something else
   */
  Object call(String method, Object... params) throws Fault, IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "text/xml")
            .POST(HttpRequest.BodyPublishers.ofString(request(method, params)));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() == 401) {
      throw new HttpStatusException(
          "HTTP 401: "
              + (authorization == null
                  ? "it asks for a username and password"
                  : "it refused the username and password"));
    }
    if (response.statusCode() != 200) {
      throw new HttpStatusException(
          "HTTP %d: %s"
              .formatted(
                  response.statusCode(),
                  abbreviate(new String(response.body(), StandardCharsets.UTF_8))));
    }
    return response(response.body());
  }

  static String request(String method, Object... params) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>");
    xml.append(escape(method)).append("</methodName><params>");
    for (Object param : params) {
      xml.append("<param><value>");
      if (param instanceof String text) {
        xml.append("<string>").append(escape(text)).append("</string>");
      } else if (param instanceof Boolean flag) {
        xml.append("<boolean>").append(flag ? 1 : 0).append("</boolean>");
      } else if (param instanceof Integer || param instanceof Long) {
        xml.append("<int>").append(param).append("</int>");
      } else if (param instanceof Double number) {
        xml.append("<double>").append(number).append("</double>");
      } else {
        throw new IllegalArgumentException(
            "XML-RPC parameter of type %s is not supported".formatted(typeOf(param)));
      }
      xml.append("</value></param>");
    }
    return xml.append("</params></methodCall>").toString();
  }

  static Object response(byte[] body) throws Fault, IOException {
    Element root;
    try {
      root = parser().parse(new ByteArrayInputStream(body)).getDocumentElement();
    } catch (SAXException e) {
      throw new IOException(
          "not an XML-RPC answer: " + abbreviate(new String(body, StandardCharsets.UTF_8)), e);
    }
    if (!"methodResponse".equals(root.getTagName())) {
      throw new IOException(
          "not an XML-RPC answer: root element <%s>".formatted(root.getTagName()));
    }
    Element fault = child(root, "fault");
    if (fault != null) {
      Object value = value(required(fault, "value"));
      if (value instanceof Map<?, ?> struct
          && struct.get("faultCode") instanceof Integer code
          && struct.get("faultString") instanceof String text) {
        throw new Fault(code, text);
      }
      throw new IOException("malformed XML-RPC fault: " + value);
    }
    Element param = child(required(root, "params"), "param");
    return param == null ? null : value(required(param, "value"));
  }

  private static Object value(Element value) throws IOException {
    Element typed = firstElement(value);
    if (typed == null) {
      return value.getTextContent();
    }
    String text = typed.getTextContent();
    try {
      return switch (typed.getTagName()) {
        case "string" -> text;
        case "int", "i4" -> Integer.valueOf(text.trim());
        case "i8" -> Long.valueOf(text.trim());
        case "boolean" -> "1".equals(text.trim());
        case "double" -> Double.valueOf(text.trim());
        case "dateTime.iso8601" -> text.trim();
        case "base64" -> Base64.getMimeDecoder().decode(text.trim());
        case "nil" -> null;
        case "array" -> array(typed);
        case "struct" -> struct(typed);
        default -> throw new IOException("unknown XML-RPC type <%s>".formatted(typed.getTagName()));
      };
    } catch (IllegalArgumentException e) {
      throw new IOException("malformed XML-RPC <%s>: %s".formatted(typed.getTagName(), text), e);
    }
  }

  private static List<Object> array(Element array) throws IOException {
    List<Object> values = new ArrayList<>();
    Element data = required(array, "data");
    for (Node node = data.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && "value".equals(element.getTagName())) {
        values.add(value(element));
      }
    }
    return values;
  }

  private static Map<String, Object> struct(Element struct) throws IOException {
    Map<String, Object> members = new LinkedHashMap<>();
    for (Node node = struct.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element member && "member".equals(member.getTagName())) {
        members.put(required(member, "name").getTextContent(), value(required(member, "value")));
      }
    }
    return members;
  }

  private static Element required(Element parent, String name) throws IOException {
    Element child = child(parent, name);
    if (child == null) {
      throw new IOException(
          "malformed XML-RPC answer: <%s> has no <%s>".formatted(parent.getTagName(), name));
    }
    return child;
  }

  private static Element child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && name.equals(element.getTagName())) {
        return element;
      }
    }
    return null;
  }

  private static Element firstElement(Element parent) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        return element;
      }
    }
    return null;
  }

  private static DocumentBuilder parser() throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      return factory.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IOException("no XML parser: " + e.getMessage(), e);
    }
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String typeOf(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }

  private static String abbreviate(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return line.length() <= 200 ? line : line.substring(0, 200) + "…";
  }
}
