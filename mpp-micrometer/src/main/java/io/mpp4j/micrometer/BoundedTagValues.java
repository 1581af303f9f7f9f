package io.mpp4j.micrometer;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Tag values that cannot grow without bound: a value is admitted when it has the expected shape and
 * fewer than {@code limit} distinct values have been seen; anything else is {@value #OTHER}. A
 * refused credential echoes a method and intent the client chose, so a client must not be able to
 * create a time series per request.
 */
final class BoundedTagValues {
  static final String OTHER = "other";
  static final String NONE = "none";

  private final Pattern shape;
  private final int limit;
  private final Set<String> admitted = ConcurrentHashMap.newKeySet();

  BoundedTagValues(String shape, int limit) {
    this.shape = Pattern.compile(shape);
    this.limit = limit;
  }

  String of(String value) {
    if (value == null || value.isEmpty()) {
      return NONE;
    }
    if (admitted.contains(value)) {
      return value;
    }
    if (!shape.matcher(value).matches()) {
      return OTHER;
    }
    synchronized (admitted) {
      if (admitted.size() < limit) {
        admitted.add(value);
        return value;
      }
    }
    return admitted.contains(value) ? value : OTHER;
  }
}
