package io.srespace.board.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful stand-in for one GitHub repository, served by WireMock: issues, comments, labels,
 * refs, git trees and commits, contents, branches and pull requests, answered with the status
 * codes, headers and JSON fields of GitHub's REST API, so the real client library runs unchanged.
 */
final class FakeGitHub implements ResponseTransformerV2 {
  static final String OWNER = "acme";
  static final String REPO = "insurance-config";
  static final String LOGIN = "sre-space-bot";
  private static final String PREFIX = "/repos/" + OWNER + "/" + REPO;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<Integer, ObjectNode> issues = new TreeMap<>();
  private final Map<Integer, List<ObjectNode>> comments = new HashMap<>();
  private final Map<Integer, PullState> pulls = new HashMap<>();
  private final Map<String, String> refs = new TreeMap<>();
  private final Map<String, CommitState> commits = new HashMap<>();
  private final Map<String, Map<String, String>> trees = new HashMap<>();
  private final Map<String, String> blobs = new HashMap<>();
  private int nextNumber = 1;
  private long nextId = 1000;
  private String base = "";

  private record CommitState(
      String sha, String tree, List<String> parents, String message, Instant date) {}

  private static final class PullState {
    int number;
    String title;
    String body;
    String head;
    String base;
    String forkPoint;
    String state = "open";
    String mergeCommit;
    Instant created = Instant.now();
  }

  FakeGitHub() {
    String tree = putTree(Map.of());
    refs.put("heads/main", putCommit(tree, List.of(), "Initial commit"));
  }

  /** Seeds the default branch with files, as the repository's first real commit. */
  synchronized void seed(Map<String, String> files) {
    String parent = refs.get("heads/main");
    Map<String, String> content = new TreeMap<>(trees.get(commits.get(parent).tree()));
    content.putAll(files);
    refs.put("heads/main", putCommit(putTree(content), List.of(parent), "Seed"));
  }

  @Override
  public String getName() {
    return "fake-github";
  }

  @Override
  public synchronized Response transform(Response response, ServeEvent event) {
    Request request = event.getRequest();
    base =
        request.getAbsoluteUrl().substring(0, request.getAbsoluteUrl().indexOf(request.getUrl()));
    String path = request.getUrl().split("\\?")[0];
    Map<String, String> query = query(request.getUrl());
    try {
      JsonNode body =
          request.getBodyAsString().isBlank()
              ? JSON.createObjectNode()
              : JSON.readTree(request.getBodyAsString());
      Object answer = route(request.getMethod().getName(), path, query, body);
      if (answer instanceof Answer a) {
        return respond(response, a.status(), a.body());
      }
      return respond(response, 200, answer);
    } catch (Exception e) {
      return respond(response, 500, message("fake GitHub failed: " + e));
    }
  }

  private record Answer(int status, Object body) {}

  private Object route(String method, String path, Map<String, String> query, JsonNode body) {
    if (path.equals("/user") && method.equals("GET")) {
      return user();
    }
    if (!path.startsWith(PREFIX)) {
      return notFound();
    }
    String rest = path.substring(PREFIX.length());
    Matcher m;
    if (rest.isEmpty() && method.equals("GET")) {
      return repository();
    }
    if (rest.equals("/issues") && method.equals("GET")) {
      boolean all = "all".equals(query.get("state"));
      ArrayNode list = JSON.createArrayNode();
      List<Integer> numbers = new ArrayList<>(issues.keySet());
      Collections.reverse(numbers);
      for (int number : numbers) {
        ObjectNode issue = issues.get(number);
        if (all || issue.get("state").asText().equals("open")) {
          list.add(issue);
        }
      }
      return list;
    }
    if (rest.equals("/issues") && method.equals("POST")) {
      if (!body.hasNonNull("title") || body.get("title").asText().isBlank()) {
        return new Answer(422, validation("Issue", "title", "missing_field"));
      }
      int number = nextNumber++;
      ObjectNode issue =
          issue(number, body.get("title").asText(), body.path("body").asText(""), false);
      for (JsonNode label : body.path("labels")) {
        ((ArrayNode) issue.get("labels")).add(label(label.asText()));
      }
      issues.put(number, issue);
      return new Answer(201, issue);
    }
    if ((m = match("/issues/(\\d+)", rest)) != null) {
      ObjectNode issue = issues.get(Integer.parseInt(m.group(1)));
      if (issue == null) {
        return notFound();
      }
      if (method.equals("PATCH")) {
        if (body.has("state")) {
          issue.put("state", body.get("state").asText());
          issue.put("closed_at", Instant.now().toString());
        }
      }
      return issue;
    }
    if ((m = match("/issues/(\\d+)/comments", rest)) != null) {
      int number = Integer.parseInt(m.group(1));
      if (!issues.containsKey(number)) {
        return notFound();
      }
      List<ObjectNode> list = comments.computeIfAbsent(number, n -> new ArrayList<>());
      if (method.equals("POST")) {
        ObjectNode comment = JSON.createObjectNode();
        long id = nextId++;
        comment.put("id", id);
        comment.put("node_id", "IC_" + id);
        comment.put("url", base + PREFIX + "/issues/comments/" + id);
        comment.put(
            "html_url",
            "https://github.example/"
                + OWNER
                + "/"
                + REPO
                + "/issues/"
                + number
                + "#issuecomment-"
                + id);
        comment.put("issue_url", base + PREFIX + "/issues/" + number);
        comment.put("body", body.path("body").asText());
        comment.set("user", user());
        comment.put("created_at", Instant.now().toString());
        comment.put("updated_at", Instant.now().toString());
        comment.put("author_association", "OWNER");
        list.add(comment);
        issues.get(number).put("comments", list.size());
        return new Answer(201, comment);
      }
      ArrayNode array = JSON.createArrayNode();
      list.forEach(array::add);
      return array;
    }
    if ((m = match("/issues/(\\d+)/labels", rest)) != null && method.equals("POST")) {
      ObjectNode issue = issues.get(Integer.parseInt(m.group(1)));
      if (issue == null) {
        return notFound();
      }
      JsonNode names = body.isArray() ? body : body.path("labels");
      Set<String> current = labelNames(issue);
      names.forEach(name -> current.add(name.asText()));
      return setLabels(issue, current);
    }
    if ((m = match("/issues/(\\d+)/labels/(.+)", rest)) != null && method.equals("DELETE")) {
      ObjectNode issue = issues.get(Integer.parseInt(m.group(1)));
      String name = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
      Set<String> current = issue == null ? Set.of() : labelNames(issue);
      if (issue == null || !current.remove(name)) {
        return notFound();
      }
      return setLabels(issue, current);
    }
    if ((m = match("/git/refs/(heads/.+)", rest)) != null) {
      String ref = m.group(1);
      if (!refs.containsKey(ref)) {
        return notFound();
      }
      if (method.equals("DELETE")) {
        refs.remove(ref);
        return new Answer(204, null);
      }
      if (method.equals("PATCH")) {
        refs.put(ref, body.get("sha").asText());
      }
      return ref(ref);
    }
    if (rest.equals("/git/refs") && method.equals("POST")) {
      String ref = body.get("ref").asText().substring("refs/".length());
      if (refs.containsKey(ref)) {
        return new Answer(422, message("Reference already exists"));
      }
      refs.put(ref, body.get("sha").asText());
      return new Answer(201, ref(ref));
    }
    if ((m = match("/commits/([0-9a-f]{40})", rest)) != null) {
      CommitState commit = commits.get(m.group(1));
      return commit == null ? notFound() : restCommit(commit);
    }
    if ((m = match("/git/trees/([0-9a-f]{40})", rest)) != null) {
      String sha = m.group(1);
      if (commits.containsKey(sha)) {
        sha = commits.get(sha).tree();
      }
      return trees.containsKey(sha) ? tree(sha) : notFound();
    }
    if (rest.equals("/git/trees") && method.equals("POST")) {
      Map<String, String> content =
          new TreeMap<>(trees.getOrDefault(body.path("base_tree").asText(), Map.of()));
      for (JsonNode entry : body.path("tree")) {
        String file = entry.get("path").asText();
        if (entry.path("content").isTextual()) {
          content.put(file, entry.get("content").asText());
        } else if (entry.path("sha").isTextual()) {
          if (!blobs.containsKey(entry.get("sha").asText())) {
            return new Answer(422, validation("Tree", "sha", "invalid"));
          }
          content.put(file, blobs.get(entry.get("sha").asText()));
        } else {
          content.remove(file);
        }
      }
      return new Answer(201, tree(putTree(content)));
    }
    if (rest.equals("/git/blobs") && method.equals("POST")) {
      String text =
          body.path("encoding").asText().equals("base64")
              ? new String(
                  Base64.getMimeDecoder().decode(body.get("content").asText()),
                  StandardCharsets.UTF_8)
              : body.get("content").asText();
      String sha = sha1("blob " + text);
      blobs.put(sha, text);
      return new Answer(
          201,
          JSON.createObjectNode().put("sha", sha).put("url", base + PREFIX + "/git/blobs/" + sha));
    }
    if (rest.equals("/git/commits") && method.equals("POST")) {
      List<String> parents = new ArrayList<>();
      body.path("parents").forEach(parent -> parents.add(parent.asText()));
      String sha = putCommit(body.get("tree").asText(), parents, body.path("message").asText());
      return new Answer(201, gitCommit(commits.get(sha)));
    }
    if ((m = match("/contents/(.+)", rest)) != null && method.equals("GET")) {
      String file = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
      String ref = query.getOrDefault("ref", "main");
      String at =
          refs.containsKey("heads/" + ref)
              ? refs.get("heads/" + ref)
              : commits.containsKey(ref) ? ref : null;
      String content = at == null ? null : trees.get(commits.get(at).tree()).get(file);
      return content == null
          ? notFound()
          : content(file, content, query.getOrDefault("ref", "main"));
    }
    if (rest.equals("/branches") && method.equals("GET")) {
      ArrayNode list = JSON.createArrayNode();
      refs.forEach(
          (ref, sha) -> {
            ObjectNode branch = JSON.createObjectNode();
            branch.put("name", ref.substring("heads/".length()));
            branch
                .putObject("commit")
                .put("sha", sha)
                .put("url", base + PREFIX + "/commits/" + sha);
            branch.put("protected", false);
            list.add(branch);
          });
      return list;
    }
    if (rest.equals("/pulls") && method.equals("GET")) {
      // GitHub's list: newest first, "head" as owner:branch, "state" open unless "all".
      String head = query.getOrDefault("head", "");
      String branch = head.substring(head.indexOf(':') + 1);
      boolean all = "all".equals(query.get("state"));
      ArrayNode list = JSON.createArrayNode();
      pulls.values().stream()
          .filter(pull -> branch.isEmpty() || pull.head.equals(branch))
          .filter(pull -> all || "open".equals(pull.state))
          .sorted((a, b) -> Integer.compare(b.number, a.number))
          .forEach(pull -> list.add(pull(pull)));
      return list;
    }
    if (rest.equals("/pulls") && method.equals("POST")) {
      String head = body.get("head").asText();
      if (!refs.containsKey("heads/" + head)) {
        return new Answer(422, validation("PullRequest", "head", "invalid"));
      }
      PullState pull = new PullState();
      pull.number = nextNumber++;
      pull.title = body.get("title").asText();
      pull.body = body.path("body").asText("");
      pull.head = head;
      pull.base = body.get("base").asText();
      pull.forkPoint = mergeBase(refs.get("heads/" + head), refs.get("heads/" + pull.base));
      pulls.put(pull.number, pull);
      ObjectNode asIssue = issue(pull.number, pull.title, pull.body, true);
      issues.put(pull.number, asIssue);
      return new Answer(201, pull(pull));
    }
    if ((m = match("/pulls/(\\d+)", rest)) != null) {
      PullState pull = pulls.get(Integer.parseInt(m.group(1)));
      if (pull == null) {
        return notFound();
      }
      if (method.equals("PATCH") && body.has("state")) {
        pull.state = body.get("state").asText();
        issues.get(pull.number).put("state", pull.state);
      }
      return pull(pull);
    }
    if ((m = match("/pulls/(\\d+)/merge", rest)) != null && method.equals("PUT")) {
      PullState pull = pulls.get(Integer.parseInt(m.group(1)));
      if (pull == null) {
        return notFound();
      }
      if (!pull.state.equals("open")) {
        return new Answer(405, message("Pull Request is not mergeable"));
      }
      Map<String, String> merged = merge(pull);
      if (merged == null) {
        return new Answer(405, message("Pull Request is not mergeable"));
      }
      String baseHead = refs.get("heads/" + pull.base);
      String sha =
          putCommit(
              putTree(merged),
              List.of(baseHead),
              body.path("commit_title").asText(body.path("commit_message").asText(pull.title)));
      refs.put("heads/" + pull.base, sha);
      pull.state = "closed";
      pull.mergeCommit = sha;
      issues.get(pull.number).put("state", "closed");
      ObjectNode result = JSON.createObjectNode();
      result.put("sha", sha).put("merged", true).put("message", "Pull Request successfully merged");
      return result;
    }
    if ((m = match("/pulls/(\\d+)/files", rest)) != null) {
      PullState pull = pulls.get(Integer.parseInt(m.group(1)));
      if (pull == null) {
        return notFound();
      }
      Map<String, String> before = trees.get(commits.get(pull.forkPoint).tree());
      Map<String, String> after =
          trees.get(
              commits
                  .get(
                      refs.containsKey("heads/" + pull.head)
                          ? refs.get("heads/" + pull.head)
                          : pull.mergeCommit)
                  .tree());
      ArrayNode files = JSON.createArrayNode();
      Set<String> paths = new LinkedHashSet<>(before.keySet());
      paths.addAll(after.keySet());
      for (String file : paths) {
        String was = before.get(file);
        String now = after.get(file);
        if (was == null || now == null || !was.equals(now)) {
          ObjectNode detail = JSON.createObjectNode();
          detail.put("sha", now == null ? null : sha1(now));
          detail.put("filename", file);
          detail.put("status", was == null ? "added" : now == null ? "removed" : "modified");
          detail.put("additions", 1).put("deletions", 1).put("changes", 2);
          files.add(detail);
        }
      }
      return files;
    }
    return notFound();
  }

  /** The branch's files merged onto the base's, or null when both changed a file differently. */
  private Map<String, String> merge(PullState pull) {
    Map<String, String> ancestor = trees.get(commits.get(pull.forkPoint).tree());
    Map<String, String> theirs = trees.get(commits.get(refs.get("heads/" + pull.head)).tree());
    Map<String, String> ours =
        new TreeMap<>(trees.get(commits.get(refs.get("heads/" + pull.base)).tree()));
    Set<String> paths = new LinkedHashSet<>(ancestor.keySet());
    paths.addAll(theirs.keySet());
    for (String path : paths) {
      String was = ancestor.get(path);
      String branch = theirs.get(path);
      if (Objects.equals(was, branch)) {
        continue;
      }
      String current = ours.get(path);
      if (!Objects.equals(current, was) && !Objects.equals(current, branch)) {
        return null;
      }
      if (branch == null) {
        ours.remove(path);
      } else {
        ours.put(path, branch);
      }
    }
    return ours;
  }

  private String mergeBase(String a, String b) {
    Set<String> ancestors = new LinkedHashSet<>();
    List<String> walk = new ArrayList<>(List.of(b));
    while (!walk.isEmpty()) {
      String sha = walk.remove(0);
      if (ancestors.add(sha)) {
        walk.addAll(commits.get(sha).parents());
      }
    }
    walk = new ArrayList<>(List.of(a));
    while (!walk.isEmpty()) {
      String sha = walk.remove(0);
      if (ancestors.contains(sha)) {
        return sha;
      }
      walk.addAll(commits.get(sha).parents());
    }
    return b;
  }

  private ObjectNode repository() {
    ObjectNode repo = JSON.createObjectNode();
    repo.put("id", 4242)
        .put("node_id", "R_4242")
        .put("name", REPO)
        .put("full_name", OWNER + "/" + REPO);
    repo.set(
        "owner",
        JSON.createObjectNode().put("login", OWNER).put("id", 1).put("type", "Organization"));
    repo.put("private", true).put("html_url", "https://github.example/" + OWNER + "/" + REPO);
    repo.put("url", base + PREFIX).put("default_branch", "main");
    repo.set(
        "permissions",
        JSON.createObjectNode().put("admin", false).put("push", true).put("pull", true));
    repo.put("created_at", "2026-01-01T00:00:00Z").put("updated_at", Instant.now().toString());
    return repo;
  }

  private ObjectNode issue(int number, String title, String text, boolean pullRequest) {
    ObjectNode issue = JSON.createObjectNode();
    issue.put("id", nextId++).put("node_id", "I_" + number).put("number", number);
    issue.put("title", title).put("body", text).put("state", "open").putNull("state_reason");
    issue.put("url", base + PREFIX + "/issues/" + number);
    issue.put(
        "html_url",
        "https://github.example/"
            + OWNER
            + "/"
            + REPO
            + (pullRequest ? "/pull/" : "/issues/")
            + number);
    issue.putArray("labels");
    issue.set("user", user());
    issue.put("comments", 0).put("locked", false);
    issue
        .put("created_at", Instant.now().toString())
        .put("updated_at", Instant.now().toString())
        .putNull("closed_at");
    if (pullRequest) {
      issue.putObject("pull_request").put("url", base + PREFIX + "/pulls/" + number);
    }
    return issue;
  }

  private ObjectNode pull(PullState pull) {
    ObjectNode json = JSON.createObjectNode();
    json.put("id", 9000 + pull.number)
        .put("node_id", "PR_" + pull.number)
        .put("number", pull.number);
    json.put("state", pull.state).put("title", pull.title).put("body", pull.body);
    json.put("url", base + PREFIX + "/pulls/" + pull.number);
    json.put("html_url", "https://github.example/" + OWNER + "/" + REPO + "/pull/" + pull.number);
    json.set("user", user());
    String headSha = refs.getOrDefault("heads/" + pull.head, pull.mergeCommit);
    json.set(
        "head",
        JSON.createObjectNode()
            .put("ref", pull.head)
            .put("sha", headSha)
            .put("label", OWNER + ":" + pull.head));
    json.set(
        "base",
        JSON.createObjectNode()
            .put("ref", pull.base)
            .put("sha", refs.get("heads/" + pull.base))
            .put("label", OWNER + ":" + pull.base));
    boolean merged = pull.mergeCommit != null;
    json.put("merged", merged);
    if (pull.state.equals("open")) {
      boolean clean = merge(pull) != null;
      json.put("mergeable", clean).put("mergeable_state", clean ? "clean" : "dirty");
    } else {
      json.putNull("mergeable");
    }
    json.put("merge_commit_sha", pull.mergeCommit);
    json.put("created_at", pull.created.toString()).put("updated_at", Instant.now().toString());
    json.putArray("labels");
    return json;
  }

  private ObjectNode ref(String ref) {
    ObjectNode json = JSON.createObjectNode();
    json.put("ref", "refs/" + ref)
        .put("node_id", "REF_" + ref)
        .put("url", base + PREFIX + "/git/refs/" + ref);
    json.set(
        "object",
        JSON.createObjectNode()
            .put("sha", refs.get(ref))
            .put("type", "commit")
            .put("url", base + PREFIX + "/git/commits/" + refs.get(ref)));
    return json;
  }

  private ObjectNode restCommit(CommitState commit) {
    ObjectNode json = JSON.createObjectNode();
    json.put("sha", commit.sha())
        .put("node_id", "C_" + commit.sha())
        .put("url", base + PREFIX + "/commits/" + commit.sha());
    ObjectNode inner = json.putObject("commit");
    inner.put("message", commit.message());
    inner.set(
        "tree",
        JSON.createObjectNode()
            .put("sha", commit.tree())
            .put("url", base + PREFIX + "/git/trees/" + commit.tree()));
    ObjectNode who =
        JSON.createObjectNode()
            .put("name", LOGIN)
            .put("email", LOGIN + "@users.noreply.github.example")
            .put("date", commit.date().toString());
    inner.set("author", who);
    inner.set("committer", who);
    ArrayNode parents = json.putArray("parents");
    commit
        .parents()
        .forEach(
            parent ->
                parents.add(
                    JSON.createObjectNode()
                        .put("sha", parent)
                        .put("url", base + PREFIX + "/commits/" + parent)));
    json.putArray("files");
    return json;
  }

  private ObjectNode gitCommit(CommitState commit) {
    ObjectNode json = JSON.createObjectNode();
    json.put("sha", commit.sha())
        .put("node_id", "C_" + commit.sha())
        .put("url", base + PREFIX + "/git/commits/" + commit.sha());
    json.put("message", commit.message());
    json.set("tree", JSON.createObjectNode().put("sha", commit.tree()));
    ObjectNode who =
        JSON.createObjectNode()
            .put("name", LOGIN)
            .put("email", LOGIN + "@users.noreply.github.example")
            .put("date", commit.date().toString());
    json.set("author", who);
    json.set("committer", who);
    ArrayNode parents = json.putArray("parents");
    commit.parents().forEach(parent -> parents.add(JSON.createObjectNode().put("sha", parent)));
    return json;
  }

  private ObjectNode tree(String sha) {
    ObjectNode json = JSON.createObjectNode();
    json.put("sha", sha).put("url", base + PREFIX + "/git/trees/" + sha).put("truncated", false);
    ArrayNode entries = json.putArray("tree");
    trees
        .get(sha)
        .forEach(
            (path, content) ->
                entries.add(
                    JSON.createObjectNode()
                        .put("path", path)
                        .put("mode", "100644")
                        .put("type", "blob")
                        .put("sha", sha1(content))
                        .put("size", content.length())));
    return json;
  }

  private ObjectNode content(String path, String content, String ref) {
    ObjectNode json = JSON.createObjectNode();
    json.put("type", "file").put("encoding", "base64").put("size", content.length());
    json.put("name", path.substring(path.lastIndexOf('/') + 1)).put("path", path);
    json.put(
        "content",
        Base64.getMimeEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
    json.put("sha", sha1(content));
    json.put("url", base + PREFIX + "/contents/" + path + "?ref=" + ref);
    json.put(
        "html_url", "https://github.example/" + OWNER + "/" + REPO + "/blob/" + ref + "/" + path);
    return json;
  }

  private ObjectNode user() {
    return JSON.createObjectNode()
        .put("login", LOGIN)
        .put("id", 77)
        .put("type", "Bot")
        .put("url", base + "/users/" + LOGIN);
  }

  private ObjectNode label(String name) {
    return JSON.createObjectNode()
        .put("id", Math.abs(name.hashCode()))
        .put("name", name)
        .put("color", "ededed")
        .put("default", false)
        .put("url", base + PREFIX + "/labels/" + name);
  }

  private Set<String> labelNames(ObjectNode issue) {
    Set<String> names = new LinkedHashSet<>();
    issue.get("labels").forEach(label -> names.add(label.get("name").asText()));
    return names;
  }

  private ArrayNode setLabels(ObjectNode issue, Set<String> names) {
    ArrayNode labels = issue.putArray("labels");
    names.forEach(name -> labels.add(label(name)));
    return labels;
  }

  private String putTree(Map<String, String> content) {
    String sha = sha1("tree " + new TreeMap<>(content));
    trees.putIfAbsent(sha, Map.copyOf(content));
    return sha;
  }

  private String putCommit(String tree, List<String> parents, String message) {
    Instant now = Instant.now();
    String sha = sha1("commit " + tree + parents + message + now + nextId++);
    commits.put(sha, new CommitState(sha, tree, List.copyOf(parents), message, now));
    return sha;
  }

  private static ObjectNode notFoundBody() {
    return message("Not Found");
  }

  private static Answer notFound() {
    return new Answer(404, notFoundBody());
  }

  private static ObjectNode message(String text) {
    return JSON.createObjectNode()
        .put("message", text)
        .put("documentation_url", "https://docs.github.example/rest");
  }

  private static ObjectNode validation(String resource, String field, String code) {
    ObjectNode json = message("Validation Failed");
    json.putArray("errors")
        .add(
            JSON.createObjectNode()
                .put("resource", resource)
                .put("field", field)
                .put("code", code));
    return json;
  }

  private static Matcher match(String pattern, String path) {
    Matcher m = Pattern.compile(pattern).matcher(path);
    return m.matches() ? m : null;
  }

  private static Map<String, String> query(String url) {
    Map<String, String> query = new LinkedHashMap<>();
    int mark = url.indexOf('?');
    if (mark >= 0) {
      for (String pair : url.substring(mark + 1).split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          query.put(
              pair.substring(0, eq),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return query;
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Response respond(Response like, int status, Object body) {
    String text;
    try {
      text = body == null ? "" : JSON.writeValueAsString(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return Response.Builder.like(like)
        .but()
        .status(status)
        .headers(
            new HttpHeaders(
                new HttpHeader("Content-Type", "application/json; charset=utf-8"),
                new HttpHeader("X-GitHub-Media-Type", "github.v3; format=json"),
                new HttpHeader("X-RateLimit-Limit", "5000"),
                new HttpHeader("X-RateLimit-Remaining", "4999"),
                new HttpHeader(
                    "X-RateLimit-Reset", String.valueOf(Instant.now().getEpochSecond() + 3600))))
        .body(text)
        .build();
  }
}
