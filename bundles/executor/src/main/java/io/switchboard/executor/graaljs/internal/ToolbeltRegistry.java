package io.switchboard.executor.graaljs.internal;

import io.switchboard.executor.toolbelt.ToolbeltModule;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The toolbelt modules currently registered (whiteboard). Each change bumps the generation, so contexts
 * built with an older set of facades are replaced instead of reused.
 */
final class ToolbeltRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ToolbeltRegistry.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    /** A registered module with its facade compiled once. */
    record Module(String name, ToolbeltModule service, Source facade) {
    }

    /** The modules a context is built with, and the generation they belong to. */
    record Snapshot(long generation, List<Module> modules) {
    }

    private final Map<String, Module> modules = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot = new Snapshot(0, List.of());

    /** Adds a module; a second module with the same name is ignored with a warning. */
    synchronized void add(ToolbeltModule service, Object name) {
        if (!(name instanceof String moduleName) || !IDENTIFIER.matcher(moduleName).matches()) {
            LOG.warn("Ignoring toolbelt module {}: its service property {} must be a JavaScript identifier, is {}",
                    service.getClass().getName(), ToolbeltModule.NAME_PROPERTY, name);
            return;
        }
        Module module = new Module(moduleName, service, SandboxFactory.facadeSource(moduleName, service.facadeScript()));
        if (modules.putIfAbsent(moduleName, module) != null) {
            LOG.warn("Ignoring toolbelt module {} ({}): a module of that name is already registered",
                    moduleName, service.getClass().getName());
            return;
        }
        publish();
        LOG.info("Toolbelt module {} added", moduleName);
    }

    synchronized void remove(ToolbeltModule service) {
        if (modules.values().removeIf(module -> module.service() == service)) {
            publish();
        }
    }

    Snapshot snapshot() {
        return snapshot;
    }

    /** The module of that name, or null when none is registered (any more). */
    ToolbeltModule module(String name) {
        Module module = modules.get(Objects.requireNonNull(name));
        return module == null ? null : module.service();
    }

    private void publish() {
        snapshot = new Snapshot(snapshot.generation() + 1, List.copyOf(modules.values()));
    }
}
