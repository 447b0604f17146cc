package io.srespace.knowledge;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Map;

/**
 * Finds the first key a record does not have, at its own line: Jackson reports an unknown property
 * of a record only at the end of the object, so a misspelt key would be named with the wrong line.
 */
final class KnownKeys {

  private KnownKeys() {}

  static void check(JsonFactory factory, String text, Class<?> root)
      throws JsonProcessingException {
    try (JsonParser parser = factory.createParser(text)) {
      if (parser.nextToken() != null) {
        walk(parser, root);
      }
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Walks the value at the parser's current token as {@code type}; leaves it on the value's end.
   */
  private static void walk(JsonParser parser, Type type) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    Class<?> raw = raw(type);
    boolean map = Map.class.isAssignableFrom(raw);
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      Type valueType;
      if (map) {
        valueType = ((ParameterizedType) type).getActualTypeArguments()[1];
      } else if (raw.isRecord()) {
        valueType = component(parser, raw, name);
      } else {
        valueType = Object.class;
      }
      parser.nextToken();
      walk(parser, valueType);
    }
  }

  private static Type component(JsonParser parser, Class<?> record, String name)
      throws JsonParseException {
    for (RecordComponent component : record.getRecordComponents()) {
      if (name.equals(keyOf(component))) {
        return component.getGenericType();
      }
    }
    throw new JsonParseException(
        parser,
        "unknown key '%s' (known: %s)"
            .formatted(
                name,
                String.join(
                    ", ",
                    Arrays.stream(record.getRecordComponents()).map(KnownKeys::keyOf).toList())));
  }

  private static String keyOf(RecordComponent component) {
    // @JsonProperty is not a record-component annotation: it lands on the accessor.
    JsonProperty renamed = component.getAccessor().getAnnotation(JsonProperty.class);
    return renamed != null && !renamed.value().isEmpty() ? renamed.value() : component.getName();
  }

  private static Class<?> raw(Type type) {
    if (type instanceof ParameterizedType parameterized) {
      return (Class<?>) parameterized.getRawType();
    }
    return type instanceof Class<?> c ? c : Object.class;
  }
}
