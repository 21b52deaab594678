package io.switchboard.executor.graaljs.internal.node;

import io.switchboard.executor.graaljs.internal.json.JsonText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Source;

/**
 * The npm packages and Node built-ins functions may {@code require} or {@code import}: one bundled CommonJS
 * file per module id, listed in the {@code index.json} the build writes (src/main/node/build.mjs). Sources are
 * built lazily and cached for the engine's lifetime, so a library is parsed once per engine, not per context.
 */
public final class NodeModules {
    /** The names under which functions reach the toolbelt. */
    public static final Set<String> TOOLBELT = Set.of("lp-faas-toolbelt", "core-functions-toolbelt");
    /** Module ids the sandbox's require answers from its own objects, with their ES named exports. */
    private static final Map<String, List<String>> PLATFORM_EXPORTS = Map.of(
            "process", List.of("env", "version", "versions", "platform", "arch", "nextTick", "cwd", "hrtime"));
    /** The ES named exports of the toolbelt module (LivePerson's {@code index.ts}). */
    static final List<String> TOOLBELT_EXPORTS = List.of("Toolbelt", "LpServices", "ConversationContentTypes", "SDETypes",
            "ErrorCodes", "SecretError", "ErrorStrategy");
    /** Global symbol key of the sandbox's require(), which the ES module shims call. */
    static final String REQUIRE_KEY = "switchboard.require";
    // The build writes the bundles beside this class (src/main/node/build.mjs).
    private static final String FOLDER = "";
    private static final String LANGUAGE = "js";

    private record Entry(String file, List<String> exports) {
    }

    private final Map<String, Entry> modules;
    private final Map<String, String> versions;
    private final Map<String, Source> wrappers = new ConcurrentHashMap<>();

    private NodeModules(Map<String, Entry> modules, Map<String, String> versions) {
        this.modules = modules;
        this.versions = versions;
    }

    /** Reads the index the build wrote into the bundle. */
    @SuppressWarnings("unchecked")
    public static NodeModules load() {
        Map<String, Object> index = (Map<String, Object>) JsonText.parse(resource("index.json"));
        Map<String, Entry> modules = new TreeMap<>();
        ((Map<String, Object>) index.get("modules")).forEach((id, value) -> {
            Map<String, Object> entry = (Map<String, Object>) value;
            modules.put(id, new Entry((String) entry.get("file"), List.copyOf((List<String>) entry.get("exports"))));
        });
        Map<String, String> versions = new TreeMap<>();
        ((Map<String, Object>) index.get("versions")).forEach((name, version) -> versions.put(name, (String) version));
        return new NodeModules(Map.copyOf(modules), Map.copyOf(versions));
    }

    /** Module ids, with the {@code node:} prefix and a trailing slash taken off, or null when unknown. */
    public String canonical(String specifier) {
        String id = specifier.startsWith("node:") ? specifier.substring(5) : specifier;
        id = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
        return modules.containsKey(id) || TOOLBELT.contains(id) || PLATFORM_EXPORTS.containsKey(id) ? id : null;
    }

    /** Every module id functions may name, for error messages and docs. */
    public Set<String> ids() {
        Set<String> ids = new TreeSet<>(modules.keySet());
        ids.removeIf(id -> id.startsWith("switchboard:"));
        ids.addAll(TOOLBELT);
        ids.addAll(PLATFORM_EXPORTS.keySet());
        return ids;
    }

    /** The npm package versions the bundles were built from. */
    public Map<String, String> versions() {
        return versions;
    }

    /**
     * The module's code wrapped as {@code (function (exports, require, module, __filename, __dirname) {...})}, parsed
     * once per engine; null when there is no such module. The wrapper opens on the code's first line, so line numbers
     * in stack traces are the bundle's own.
     */
    public Source wrapper(String id) {
        Entry entry = modules.get(id);
        if (entry == null) {
            return null;
        }
        return wrappers.computeIfAbsent(id, key -> Source.newBuilder(LANGUAGE,
                "(function (exports, require, module, __filename, __dirname) {" + resource(entry.file()) + "\n})",
                "node_modules/" + entry.file()).cached(true).buildLiteral());
    }

    /** An ES module re-exporting what {@code require(id)} returns: default and the named exports the build found. */
    String esModuleShim(String id) {
        List<String> names = TOOLBELT.contains(id) ? TOOLBELT_EXPORTS
                : PLATFORM_EXPORTS.containsKey(id) ? PLATFORM_EXPORTS.get(id) : modules.get(id).exports();
        StringBuilder shim = new StringBuilder("const m = globalThis[Symbol.for('").append(REQUIRE_KEY).append("')]('")
                .append(id).append("');\nexport default m;\n");
        if (!names.isEmpty()) {
            shim.append("export const { ").append(String.join(", ", names)).append(" } = m;\n");
        }
        return shim.toString();
    }

    private static String resource(String name) {
        try (InputStream in = NodeModules.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + FOLDER + name + " in the executor bundle: the build's npm step "
                        + "(src/main/node/build.mjs) did not run");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
