package io.srespace.fixer.app;

import io.srespace.events.kafka.TopicReplay;
import io.srespace.events.topics.Topics;
import io.srespace.fixer.state.ActionLog;
import java.time.Duration;
import java.util.Map;
import org.jboss.logging.Logger;

/** Rebuilds the action log from every event on {@code fixer.actions}, up to its current end. */
final class ActionReplay {
  private static final Logger LOG = Logger.getLogger(ActionReplay.class);

  private ActionReplay() {}

  static ActionLog replay(Map<String, Object> kafka, Duration timeout) {
    ActionLog log = new ActionLog();
    int read = TopicReplay.replay(kafka, Topics.FIXER_ACTIONS, log::apply, timeout);
    LOG.infof(
        "action log rebuilt from %d events of %s: %d actions, %d unfinished",
        read, Topics.FIXER_ACTIONS.name(), log.size(), log.unfinished().size());
    return log;
  }
}
