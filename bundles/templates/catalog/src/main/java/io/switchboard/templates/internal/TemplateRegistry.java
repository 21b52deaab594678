package io.switchboard.templates.internal;

import io.switchboard.templates.api.RejectedTemplate;
import io.switchboard.templates.api.Template;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The templates of every source, merged into one immutable snapshot per change. When two sources define the same id,
 * the one with the lower rank wins (the operators' folder ranks before bundles), so an operator can override a
 * shipped template by adding a file with its id.
 */
final class TemplateRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(TemplateRegistry.class);

    /** One place templates come from; {@code rank} orders sources when ids collide (lower wins). */
    record SourceKey(long rank, String name) {
        static final Comparator<SourceKey> ORDER = Comparator.comparingLong(SourceKey::rank).thenComparing(SourceKey::name);
    }

    private final Map<SourceKey, Map<String, Template>> bySource = new ConcurrentHashMap<>();
    /** Refused files by source and id: listed through the API until the file is accepted or gone. */
    private final Map<SourceKey, Map<String, RejectedTemplate>> rejections = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Map<String, Template> snapshot = Map.of();

    /** Replaces everything a source contributes. */
    void replaceSource(SourceKey source, Collection<Template> templates) {
        Map<String, Template> byId = new LinkedHashMap<>();
        templates.forEach(template -> byId.put(template.id(), template));
        update(() -> bySource.put(source, Map.copyOf(byId)));
    }

    /** Adds or replaces one template of a source. */
    void put(SourceKey source, Template template) {
        update(() -> bySource.compute(source, (key, current) -> {
            Map<String, Template> byId = current == null ? new LinkedHashMap<>() : new LinkedHashMap<>(current);
            byId.put(template.id(), template);
            return Map.copyOf(byId);
        }));
    }

    /** Removes one template of a source; other sources' templates of the same id stay. */
    void remove(SourceKey source, String templateId) {
        update(() -> bySource.computeIfPresent(source, (key, current) -> {
            Map<String, Template> byId = new LinkedHashMap<>(current);
            byId.remove(templateId);
            return byId.isEmpty() ? null : Map.copyOf(byId);
        }));
    }

    void removeSource(SourceKey source) {
        rejections.remove(source);
        update(() -> bySource.remove(source));
    }

    /** Notes a refused file of a source (replacing an earlier refusal of the same id). */
    void reject(SourceKey source, RejectedTemplate rejected) {
        rejections.compute(source, (key, current) -> {
            Map<String, RejectedTemplate> byId = current == null ? new TreeMap<>() : new TreeMap<>(current);
            byId.put(rejected.id(), rejected);
            return Map.copyOf(byId);
        });
    }

    /** Forgets the refusal of an id of a source: the file was accepted, changed into something accepted, or removed. */
    void clearRejection(SourceKey source, String templateId) {
        rejections.computeIfPresent(source, (key, current) -> {
            Map<String, RejectedTemplate> byId = new TreeMap<>(current);
            byId.remove(templateId);
            return byId.isEmpty() ? null : Map.copyOf(byId);
        });
    }

    /** Forgets every refusal of a source (it is read again in full). */
    void clearRejections(SourceKey source) {
        rejections.remove(source);
    }

    /** Every refused file, by source order then id. */
    List<RejectedTemplate> rejected() {
        return rejections.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(SourceKey.ORDER))
                .flatMap(entry -> entry.getValue().values().stream().sorted(Comparator.comparing(RejectedTemplate::id)))
                .toList();
    }

    /** The template a source now contributes under an id, if any (not necessarily the one the catalogue shows). */
    Optional<Template> of(SourceKey source, String templateId) {
        return Optional.ofNullable(bySource.getOrDefault(source, Map.of()).get(templateId));
    }

    Map<String, Template> snapshot() {
        return snapshot;
    }

    List<Template> list() {
        return List.copyOf(snapshot.values());
    }

    private void update(Runnable change) {
        lock.lock();
        try {
            change.run();
            snapshot = merge();
        } finally {
            lock.unlock();
        }
    }

    private Map<String, Template> merge() {
        Map<String, Template> merged = new TreeMap<>();
        bySource.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(SourceKey.ORDER))
                .forEach(entry -> entry.getValue().values().forEach(template -> {
                    Template winner = merged.putIfAbsent(template.id(), template);
                    if (winner != null && !Objects.equals(winner.version(), template.version())) {
                        LOG.debug("Template {} from {} is shadowed by the one from {}", template.id(),
                                template.source().location(), winner.source().location());
                    }
                }));
        return Collections.unmodifiableMap(merged);
    }
}
