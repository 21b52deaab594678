package io.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The login profiles in {@code <config>/profiles.json}: several named profiles and the current one. The file holds API
 * keys, so it is created with mode 0600 (and the folder 0700) before anything is written into it.
 */
public final class Profiles {
    public static final String FILE = "profiles.json";
    private final Path file;

    public Profiles(Path configDirectory) {
        this.file = configDirectory.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    public void save(Profile profile, boolean makeCurrent) {
        ObjectNode root = load();
        ObjectNode entry = root.withObject("/profiles").putObject(profile.name());
        entry.put("url", profile.url()).put("account", profile.account()).put("key", profile.key());
        if (makeCurrent || !root.hasNonNull("current")) {
            root.put("current", profile.name());
        }
        store(root);
    }

    /** Removes a profile; answers whether there was one. */
    public boolean remove(String name) {
        ObjectNode root = load();
        boolean removed = root.withObject("/profiles").remove(name) != null;
        if (name.equals(root.path("current").asText(null))) {
            root.remove("current");
        }
        store(root);
        return removed;
    }

    public Optional<Profile> find(String name) {
        ObjectNode root = load();
        String wanted = name != null ? name : root.path("current").asText(null);
        if (wanted == null) {
            return Optional.empty();
        }
        JsonNode entry = root.path("profiles").path(wanted);
        if (!entry.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new Profile(wanted, entry.path("url").asText(), entry.path("account").asText(), entry.path("key").asText()));
    }

    /** The named profile, or the current one; a user without one is told to log in. */
    public Profile require(String name) {
        return find(name).orElseThrow(() -> new CliException(ExitCode.PROJECT, name == null
                ? "not logged in: run 'sbf login --url <api url> --account <account> --key <api key>'"
                : "no profile '" + name + "' in " + file + ": run 'sbf login --profile " + name + " ...'"));
    }

    private ObjectNode load() {
        if (!Files.exists(file)) {
            return Json.object();
        }
        JsonNode node = Json.read(file);
        return node instanceof ObjectNode object ? object : Json.object();
    }

    private void store(ObjectNode root) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.exists(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            // Also for a file made by hand with a wider mode: keys are never left readable by others.
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(file, Json.pretty(root) + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
