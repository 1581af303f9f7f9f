package io.mpp4j.servlet;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mpp4j.core.IntentRequest;
import io.mpp4j.core.Mpp;
import io.mpp4j.core.Offer;
import io.mpp4j.core.Price;
import io.mpp4j.core.codec.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The discovery document (draft-payment-discovery-00): OpenAPI 3.1.0 listing every paid operation
 * with {@code x-payment-info} ({@code {"offers": [...]}}, amounts in base units, {@code null} when
 * priced per request) and a {@code 402} response. Built once at init; advisory only.
 */
final class OpenApiDocument {
  private static final Pattern VARIABLE = Pattern.compile("\\{([^}/]+)}");
  private static final System.Logger LOG = System.getLogger(OpenApiDocument.class.getName());

  private final byte[] json;

  private OpenApiDocument(byte[] json) {
    this.json = json;
  }

  static OpenApiDocument build(
      Mpp mpp,
      RouteTable table,
      AnnotatedRoutes annotated,
      List<RouteResolver.Operation> resolved,
      List<String> defaultMethods,
      String contextPath,
      String title,
      String version) {
    Map<String, ObjectNode> paths = new TreeMap<>();
    for (RouteTable.Route route : table.routes()) {
      List<Offer> offers =
          route.pricing() == null ? route.fixed() : advertised(route, defaultMethods);
      if (offers.isEmpty()) {
        LOG.log(
            System.Logger.Level.WARNING,
            "{0} {1} is priced per request without advertised offers; left out of discovery",
            route.httpMethod(),
            route.pattern());
        continue;
      }
      operation(
          mpp,
          paths,
          contextPath + route.pattern().openApiPath(),
          route.pattern().variables(),
          route.httpMethod(),
          offers,
          route.pricing() != null);
    }
    for (AnnotatedRoutes.Operation op : annotated.operations()) {
      for (String mapping : op.mappings()) {
        if (op.httpMethod().equals("HEAD") || mapping.equals("/") || mapping.startsWith("*.")) {
          continue;
        }
        PathPattern pattern = PathPattern.parse(mapping.isEmpty() ? "/" : mapping);
        operation(
            mpp,
            paths,
            contextPath + pattern.openApiPath(),
            pattern.variables(),
            op.httpMethod(),
            op.offers(),
            false);
      }
    }
    for (RouteResolver.Operation op : resolved) {
      List<Offer> offers =
          op.pricedPerRequest() && op.offers().isEmpty()
              ? placeholders(defaultMethods)
              : op.offers();
      operation(
          mpp,
          paths,
          contextPath + op.path(),
          variables(op.path()),
          op.httpMethod(),
          offers,
          op.pricedPerRequest());
    }
    ObjectNode root = Json.object();
    root.put("openapi", "3.1.0");
    root.putObject("info").put("title", title).put("version", version);
    ObjectNode pathsNode = root.putObject("paths");
    paths.forEach(pathsNode::set);
    return new OpenApiDocument(Json.write(root).getBytes(StandardCharsets.UTF_8));
  }

  private static List<Offer> advertised(RouteTable.Route route, List<String> defaultMethods) {
    List<Offer> advertised = route.pricing().advertised();
    return advertised.isEmpty() ? placeholders(defaultMethods) : advertised;
  }

  private static List<Offer> placeholders(List<String> defaultMethods) {
    return defaultMethods.stream().map(m -> Offer.charge(m).baseUnits(0).build()).toList();
  }

  private static List<String> variables(String path) {
    List<String> names = new ArrayList<>();
    Matcher matcher = VARIABLE.matcher(path);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private static void operation(
      Mpp mpp,
      Map<String, ObjectNode> paths,
      String path,
      List<String> variables,
      String httpMethod,
      List<Offer> offers,
      boolean dynamic) {
    ObjectNode item = paths.computeIfAbsent(path, p -> Json.object());
    String key = httpMethod.toLowerCase(Locale.ROOT);
    if (item.has(key)) {
      return;
    }
    ObjectNode op = item.putObject(key);
    String summary = offers.get(0).description();
    if (summary != null) {
      op.put("summary", summary);
    }
    if (!variables.isEmpty()) {
      ArrayNode parameters = op.putArray("parameters");
      for (String name : variables) {
        ObjectNode parameter = parameters.addObject().put("name", name).put("in", "path");
        parameter.put("required", true).putObject("schema").put("type", "string");
      }
    }
    ArrayNode list = op.putObject("x-payment-info").putArray("offers");
    for (Offer offer : offers) {
      // a dynamic route's template price is a placeholder: ask for a chargeable amount to learn
      // the currency (some methods refuse zero)
      IntentRequest request = mpp.request(dynamic ? offer.withPrice(Price.baseUnits(1)) : offer);
      ObjectNode entry =
          list.addObject().put("intent", offer.intent()).put("method", offer.method());
      if (dynamic) {
        entry.putNull("amount");
      } else {
        entry.put("amount", request.amount().toString());
      }
      entry.put("currency", request.currency());
      if (offer.description() != null) {
        entry.put("description", offer.description());
      }
    }
    ObjectNode responses = op.putObject("responses");
    responses.putObject("200").put("description", "Successful response");
    responses.putObject("402").put("description", "Payment Required");
  }

  void writeTo(HttpServletResponse response, boolean head) throws IOException {
    response.setStatus(200);
    response.setContentType("application/json");
    response.setHeader("Cache-Control", "max-age=300");
    response.setContentLength(json.length);
    if (!head) {
      try (OutputStream out = response.getOutputStream()) {
        out.write(json);
      }
    }
  }
}
