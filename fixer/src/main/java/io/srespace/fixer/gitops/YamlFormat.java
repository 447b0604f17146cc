package io.srespace.fixer.gitops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * YAML files, edited as a tree so an edit can never append text into the structure. A key is a
 * dotted path ({@code a.b.c}) through mappings; a mapping key that itself contains dots is matched
 * too (longest first). List items read as {@code a.b[0]} but cannot be set. Only single-document
 * files with a mapping at the top are edited. The file is written back from the tree: comments,
 * anchors and the original layout are lost, and the types of all other values are checked to read
 * back unchanged.
 */
final class YamlFormat implements ConfigFormat {
  static final YamlFormat INSTANCE = new YamlFormat();

  private static final YAMLMapper MAPPER =
      YAMLMapper.builder()
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
          .build();

  private YamlFormat() {}

  @Override
  public Map<String, String> parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    flatten(read(text), "", values);
    return Collections.unmodifiableMap(values);
  }

  @Override
  public String set(String text, String key, String value) {
    List<String> path = Arrays.asList(key.split("\\.", -1));
    if (path.stream().anyMatch(String::isEmpty)) {
      throw new ConfigFormatException("'%s' is not a dotted key path".formatted(key));
    }
    ObjectNode expected = read(text);
    Slot slot = locate(expected, path, key, "");
    JsonNode old = slot.parent().get(slot.field());
    if (old != null && old.isContainerNode()) {
      throw new ConfigFormatException(
          "%s is a %s, not a value".formatted(key, old.isObject() ? "mapping" : "list"));
    }
    slot.parent().set(slot.field(), scalar(old, value));
    String written = write(expected);
    if (!read(written).equals(expected)) {
      throw new ConfigFormatException(
          "writing %s back as YAML would change other values or their types".formatted(key));
    }
    return SingleKeyEdit.checked(this, text, written, key, value);
  }

  private static ObjectNode read(String text) {
    if (text.isBlank()) {
      return MAPPER.createObjectNode();
    }
    List<JsonNode> documents;
    try (MappingIterator<JsonNode> iterator = MAPPER.readerFor(JsonNode.class).readValues(text)) {
      documents = iterator.readAll();
    } catch (JsonProcessingException e) {
      throw new ConfigFormatException("not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException | RuntimeJsonMappingException e) {
      throw new ConfigFormatException("not valid YAML: " + e.getMessage(), e);
    }
    if (documents.size() > 1) {
      throw new ConfigFormatException(
          "holds %d YAML documents; only a single document is edited".formatted(documents.size()));
    }
    if (documents.isEmpty() || documents.get(0).isNull() || documents.get(0).isMissingNode()) {
      return MAPPER.createObjectNode();
    }
    if (!documents.get(0).isObject()) {
      throw new ConfigFormatException("the top level is not a mapping of keys");
    }
    return (ObjectNode) documents.get(0);
  }

  private static String write(ObjectNode tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new ConfigFormatException("cannot write YAML: " + e.getOriginalMessage(), e);
    }
  }

  private static void flatten(JsonNode node, String path, Map<String, String> values) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        flatten(field.getValue(), child, values);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(node.get(i), path + "[" + i + "]", values);
      }
    } else if (values.putIfAbsent(path, node.isNull() ? "" : node.asText()) != null) {
      throw new ConfigFormatException(
          "%s is there twice (as nested and as dotted keys)".formatted(path));
    }
  }

  /**
   * Where {@code path} lives, matching dotted mapping keys longest first; new mappings if absent.
   */
  private static Slot locate(ObjectNode node, List<String> path, String key, String above) {
    for (int k = path.size(); k >= 1; k--) {
      String name = String.join(".", path.subList(0, k));
      JsonNode child = node.get(name);
      if (child == null) {
        continue;
      }
      if (k == path.size()) {
        return new Slot(node, name);
      }
      if (!child.isObject()) {
        throw new ConfigFormatException(
            "%s cannot be set: %s is a value, not a mapping".formatted(key, above + name));
      }
      return locate((ObjectNode) child, path.subList(k, path.size()), key, above + name + ".");
    }
    ObjectNode parent = node;
    for (String segment : path.subList(0, path.size() - 1)) {
      parent = parent.putObject(segment);
    }
    return new Slot(parent, path.get(path.size() - 1));
  }

  /** The new value as the type the old one had: numbers and booleans stay so, text stays text. */
  private static JsonNode scalar(JsonNode old, String value) {
    if (old != null && old.isTextual()) {
      return TextNode.valueOf(value);
    }
    try {
      JsonNode typed = MAPPER.readTree(value);
      boolean sameKind =
          typed != null
              && (old == null || old.isNull()
                  ? typed.isNumber() || typed.isBoolean()
                  : (old.isNumber() && typed.isNumber()) || (old.isBoolean() && typed.isBoolean()));
      return sameKind ? typed : TextNode.valueOf(value);
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(value);
    }
  }

  private record Slot(ObjectNode parent, String field) {}
}
