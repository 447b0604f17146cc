package io.srespace.board.local;

import io.srespace.board.BoardException;
import io.srespace.board.BoardException.Reason;
import io.srespace.board.Comment;
import io.srespace.board.IncidentBoard;
import io.srespace.board.Issue;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.PersonIdent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incident board in a local git repository, for machines without GitHub: each issue is {@code
 * issues/<n>.md} (front matter, the body, then the comments with author and time), and each change
 * is a commit by the board's user. Safe for several processes writing at once.
 */
public final class LocalGitBoard implements IncidentBoard, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalGitBoard.class);
  private static final Pattern ISSUE_FILE = Pattern.compile("(?:.*/)?(\\d{1,9})\\.md");

  private static final String FOLDER = "issues";
  private static final Pattern COMMENT =
      Pattern.compile("(?m)^<!-- comment (\\d+) \\| ([^|]+) \\| (\\S+) -->\n");

  private final GitStore store;
  private final String author;
  private final PersonIdent identity;

  private LocalGitBoard(GitStore store, String author) {
    this.store = store;
    this.author = author;
    this.identity = new PersonIdent(author, author + "@sre-space.local");
  }

  /** Opens the board kept in the bare repository {@code repository}, creating it on first use. */
  public static LocalGitBoard open(Path repository, String author) {
    PersonIdent identity = new PersonIdent(author, author + "@sre-space.local");
    return new LocalGitBoard(GitStore.open(repository, "main", identity), author);
  }

  @Override
  public Issue open(String incidentId, String title, String markdownBody, Set<String> labels) {
    return store.locked(
        () -> {
          Optional<Issue> existing = findOpen(incidentId);
          if (existing.isPresent()) {
            return existing.get();
          }
          int number = nextNumber();
          Record record =
              new Record(Map.of(), "")
                  .with("number", String.valueOf(number))
                  .with("title", title)
                  .with("state", "open")
                  .with("incident", incidentId)
                  .with("labels", String.join(", ", new TreeSet<>(labels)))
                  .with("opened", Instant.now().toString())
                  .withText(safe(markdownBody) + "\n\n" + IncidentBoard.marker(incidentId) + "\n");
          write(number, record, "Open #%d: %s".formatted(number, Record.oneLine(title)));
          return toIssue(record);
        });
  }

  @Override
  public Optional<Issue> findOpen(String incidentId) {
    return records().stream()
        .filter(record -> record.field("state").equals("open"))
        .filter(record -> record.field("incident").equals(incidentId))
        .map(this::toIssue)
        .findFirst();
  }

  @Override
  public Optional<Issue> issue(int number) {
    return read(number).map(this::toIssue);
  }

  @Override
  public List<Issue> issues(boolean includeClosed) {
    return records().stream()
        .filter(record -> includeClosed || record.field("state").equals("open"))
        .map(this::toIssue)
        .sorted(Comparator.comparingInt(Issue::number).reversed())
        .toList();
  }

  @Override
  public Comment comment(int issue, String markdown) {
    return store.locked(
        () -> {
          Record record = require(issue);
          Comment comment = nextComment(record, markdown);
          write(issue, append(record, comment), "Comment on #%d by %s".formatted(issue, author));
          return comment;
        });
  }

  @Override
  public void addLabels(int issue, Set<String> labels) {
    changeLabels(
        issue,
        current -> {
          current.addAll(labels);
          return current;
        },
        "Label #%d: %s".formatted(issue, labels));
  }

  @Override
  public void removeLabels(int issue, Set<String> labels) {
    changeLabels(
        issue,
        current -> {
          current.removeAll(labels);
          return current;
        },
        "Unlabel #%d: %s".formatted(issue, labels));
  }

  @Override
  public void close(int issue, String finalComment) {
    store.locked(
        () -> {
          Record record = require(issue);
          Record closed = append(record, nextComment(record, finalComment)).with("state", "closed");
          write(issue, closed, "Close #%d".formatted(issue));
          return null;
        });
  }

  @Override
  public List<Comment> comments(int issue, long afterId) {
    return comments(require(issue)).stream().filter(comment -> comment.id() > afterId).toList();
  }

  /** Where the board is kept. */
  public Path repository() {
    return store.directory();
  }

  @Override
  public void close() {
    store.close();
  }

  private void changeLabels(int issue, UnaryOperator<Set<String>> change, String message) {
    store.locked(
        () -> {
          Record record = require(issue);
          Set<String> labels = change.apply(labels(record));
          write(issue, record.with("labels", String.join(", ", new TreeSet<>(labels))), message);
          return null;
        });
  }

  private Comment nextComment(Record record, String markdown) {
    long last = comments(record).stream().mapToLong(Comment::id).max().orElse(0);
    return new Comment(last + 1, author, Instant.now(), safe(markdown));
  }

  private static Record append(Record record, Comment comment) {
    String text = record.text().endsWith("\n") ? record.text() : record.text() + "\n";
    return record.withText(
        text
            + "\n<!-- comment %d | %s | %s -->\n%s\n"
                .formatted(comment.id(), comment.author(), comment.createdAt(), comment.body()));
  }

  private static List<Comment> comments(Record record) {
    String text = record.text();
    Matcher marker = COMMENT.matcher(text);
    List<Comment> comments = new ArrayList<>();
    boolean found = marker.find();
    while (found) {
      long id = Long.parseLong(marker.group(1));
      String who = marker.group(2);
      Instant at = Instant.parse(marker.group(3));
      int bodyStart = marker.end();
      found = marker.find();
      int bodyEnd = found ? marker.start() : text.length();
      comments.add(new Comment(id, who, at, text.substring(bodyStart, bodyEnd).strip()));
    }
    return comments;
  }

  private Issue toIssue(Record record) {
    int number = Integer.parseInt(record.field("number"));
    Matcher first = COMMENT.matcher(record.text());
    String body = first.find() ? record.text().substring(0, first.start()) : record.text();
    return new Issue(
        number,
        record.field("title"),
        body.strip(),
        record.field("state").equals("open"),
        labels(record),
        store.directory().toUri() + "#" + path(number));
  }

  private static Set<String> labels(Record record) {
    String labels = record.field("labels");
    Set<String> set = new LinkedHashSet<>();
    if (!labels.isBlank()) {
      Arrays.stream(labels.split(",")).map(String::strip).forEach(set::add);
    }
    return set;
  }

  /**
   * Every issue file that reads as an issue; one that does not (edited by hand, cut short) is
   * skipped with a warning rather than breaking every lookup.
   */
  private List<Record> records() {
    List<Record> records = new ArrayList<>();
    for (String path : store.list(store.defaultBranch(), FOLDER)) {
      String text = store.read(store.defaultBranch(), path).orElse("");
      try {
        Record record = Record.parse(text);
        Integer.parseInt(record.field("number"));
        record.field("title");
        record.field("state");
        comments(record);
        records.add(record);
      } catch (RuntimeException e) {
        LOG.warn(
            "{} on the board {} is not an issue and is skipped: {}",
            path,
            store.directory(),
            e.getMessage());
      }
    }
    return records;
  }

  private Optional<Record> read(int number) {
    return store.read(store.defaultBranch(), path(number)).map(Record::parse);
  }

  private Record require(int number) {
    return read(number)
        .orElseThrow(() -> new BoardException(Reason.NOT_FOUND, "no issue #" + number));
  }

  /** One more than any issue file's number, whether or not the file reads (none is overwritten). */
  private int nextNumber() {
    return store.list(store.defaultBranch(), FOLDER).stream()
            .map(path -> ISSUE_FILE.matcher(path))
            .filter(Matcher::matches)
            .mapToInt(m -> Integer.parseInt(m.group(1)))
            .max()
            .orElse(0)
        + 1;
  }

  private void write(int number, Record record, String message) {
    store.commit(
        store.defaultBranch(), null, message, identity, Map.of(path(number), record.format()));
  }

  private static String path(int number) {
    return FOLDER + "/" + number + ".md";
  }

  /** Keeps text from forging a comment marker of its own. */
  private static String safe(String markdown) {
    return markdown.replace("<!-- comment ", "<!--comment ");
  }
}
