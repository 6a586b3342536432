package dev.bulwark.guard.yaml;

import dev.bulwark.guard.Limits;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;

/**
 * Walks a YAML event stream once and refuses it as soon as a bound is crossed. The expanded size
 * is tracked per anchor, so an alias costs the size of what it stands for, not one node.
 * Not thread-safe: one instance per stream.
 */
final class EventBudget {
  private final Limits limits;
  private final Deque<Frame> open = new ArrayDeque<>();
  private final Map<Anchor, Long> anchoredSize = new HashMap<>();
  private long expandedNodes;
  private int aliases;
  private int documents;

  /** An open mapping or sequence: its anchor, the node count when it started, its entry count. */
  private static final class Frame {
    final Anchor anchor;
    final long startNodes;
    final long maxEvents;
    long events;

    Frame(Anchor anchor, long startNodes, long maxEvents) {
      this.anchor = anchor;
      this.startNodes = startNodes;
      this.maxEvents = maxEvents;
    }
  }

  EventBudget(Limits limits) {
    this.limits = limits;
  }

  void check(Iterator<Event> events) throws YamlRejectedException {
    while (events.hasNext()) {
      Event event = events.next();
      switch (event.getEventId()) {
        case DocumentStart -> startDocument();
        case MappingStart, SequenceStart -> startCollection((NodeEvent) event);
        case MappingEnd, SequenceEnd -> endCollection();
        case Scalar -> scalar((ScalarEvent) event);
        case Alias -> alias((AliasEvent) event);
        default -> {
          // Stream start/end, document end and comments cost nothing.
        }
      }
    }
  }

  private void startDocument() throws YamlRejectedException {
    documents++;
    if (documents > limits.maxDocuments()) {
      throw new YamlRejectedException("YAML stream holds more than " + limits.maxDocuments() + " document(s)");
    }
    // Anchors and alias counts are per document (YAML 1.2 §6.9.2).
    anchoredSize.clear();
    aliases = 0;
  }

  private void startCollection(NodeEvent event) throws YamlRejectedException {
    addNodes(1);
    if (open.size() >= limits.maxNestingDepth()) {
      throw new YamlRejectedException("YAML nesting deeper than " + limits.maxNestingDepth());
    }
    // A mapping entry is two events (key and value).
    long maxEvents = event instanceof MappingStartEvent ? 2L * limits.maxEntries() : limits.maxEntries();
    open.push(new Frame(event.getAnchor().orElse(null), expandedNodes, maxEvents));
  }

  private void endCollection() {
    Frame frame = open.pop();
    if (frame.anchor != null) {
      anchoredSize.put(frame.anchor, expandedNodes - frame.startNodes + 1);
    }
  }

  private void scalar(ScalarEvent event) throws YamlRejectedException {
    if (event.getValue().length() > limits.maxStringLength()) {
      throw new YamlRejectedException("YAML scalar longer than " + limits.maxStringLength() + " characters");
    }
    addNodes(1);
    event.getAnchor().ifPresent(anchor -> anchoredSize.put(anchor, 1L));
  }

  private void alias(AliasEvent event) throws YamlRejectedException {
    aliases++;
    if (aliases > limits.maxYamlAliases()) {
      throw new YamlRejectedException("YAML document uses more than " + limits.maxYamlAliases() + " aliases");
    }
    Long size = anchoredSize.get(event.getAlias());
    if (size == null) {
      // An alias to a still-open anchor makes a cyclic value: consumers that walk it (equals,
      // toString, a JSON writer) never finish, so it is refused like a bomb.
      for (Frame frame : open) {
        if (event.getAlias().equals(frame.anchor)) {
          throw new YamlRejectedException("YAML document holds a recursive alias");
        }
      }
      throw new YamlRejectedException("YAML alias refers to no earlier anchor");
    }
    addNodes(size);
  }

  private void addNodes(long count) throws YamlRejectedException {
    expandedNodes += count;
    if (expandedNodes > limits.maxTotalObjects()) {
      throw new YamlRejectedException(
          "YAML document expands to more than " + limits.maxTotalObjects() + " nodes (alias bomb?)");
    }
    Frame parent = open.peek();
    if (parent != null) {
      parent.events++;
      if (parent.events > parent.maxEvents) {
        throw new YamlRejectedException("YAML collection with more than " + limits.maxEntries() + " entries");
      }
    }
  }
}
