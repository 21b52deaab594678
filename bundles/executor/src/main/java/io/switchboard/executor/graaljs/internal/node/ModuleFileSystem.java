package io.switchboard.executor.graaljs.internal.node;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The only file system a sandboxed context has: read-only, and it holds nothing but one ES module per module id
 * ({@code /lodash}, {@code /core-functions-toolbelt}, {@code /node:crypto} ...) that re-exports what the sandbox's
 * {@code require} returns. GraalJS resolves a bare import specifier as a path from the root, so
 * {@code import _ from "lodash"} reads {@code /lodash}. Paths are plain {@link Path} values used as names only:
 * nothing here touches the host's disk.
 */
public final class ModuleFileSystem implements FileSystem {
    private static final Path ROOT = Path.of("/");
    private static final FileTime EPOCH = FileTime.fromMillis(0);

    private final NodeModules modules;

    public ModuleFileSystem(NodeModules modules) {
        this.modules = modules;
    }

    @Override
    public Path parsePath(URI uri) {
        if ("node".equalsIgnoreCase(uri.getScheme())) {
            // import ... from 'node:crypto' arrives as an opaque URI
            return Path.of("/node:" + uri.getSchemeSpecificPart());
        }
        if (!"file".equalsIgnoreCase(uri.getScheme())) {
            throw new UnsupportedOperationException("Only modules of the platform can be imported, not " + uri);
        }
        return Path.of(uri.getPath());
    }

    @Override
    public Path parsePath(String path) {
        return Path.of(path);
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        if (modes.contains(AccessMode.WRITE) || modes.contains(AccessMode.EXECUTE)) {
            throw new AccessDeniedException(path.toString(), null, "the module tree is read-only");
        }
        if (!isRoot(path)) {
            moduleId(path);
        }
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        throw new AccessDeniedException(dir.toString(), null, "the module tree is read-only");
    }

    @Override
    public void delete(Path path) throws IOException {
        throw new AccessDeniedException(path.toString(), null, "the module tree is read-only");
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        if (options.contains(StandardOpenOption.WRITE) || options.contains(StandardOpenOption.APPEND)) {
            throw new AccessDeniedException(path.toString(), null, "the module tree is read-only");
        }
        return new ReadOnlyChannel(modules.esModuleShim(moduleId(path)).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        throw new AccessDeniedException(dir.toString(), null, "the module tree cannot be listed");
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return path.isAbsolute() ? path : ROOT.resolve(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        return toAbsolutePath(path).normalize();
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        boolean directory = isRoot(path);
        long size = directory ? 0 : modules.esModuleShim(moduleId(path)).length();
        Map<String, Object> values = new HashMap<>();
        values.put("isRegularFile", !directory);
        values.put("isDirectory", directory);
        values.put("isSymbolicLink", false);
        values.put("isOther", false);
        values.put("size", size);
        values.put("lastModifiedTime", EPOCH);
        values.put("lastAccessTime", EPOCH);
        values.put("creationTime", EPOCH);
        values.put("fileKey", null);
        return values;
    }

    private boolean isRoot(Path path) {
        return toAbsolutePath(path).normalize().equals(ROOT);
    }

    /** The module id a path names ({@code /lodash} -> {@code lodash}); anything else does not exist. */
    private String moduleId(Path path) throws NoSuchFileException {
        String name = toAbsolutePath(path).normalize().toString().substring(1);
        String id = modules.canonical(name);
        if (id == null) {
            throw new NoSuchFileException(path.toString(), null, "functions may import only the platform's modules");
        }
        return id;
    }

    /** A channel over a shim's bytes. */
    private static final class ReadOnlyChannel implements SeekableByteChannel {
        private final byte[] bytes;
        private int position;
        private boolean open = true;

        ReadOnlyChannel(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer target) {
            if (position >= bytes.length) {
                return -1;
            }
            int count = Math.min(target.remaining(), bytes.length - position);
            target.put(bytes, position, count);
            position += count;
            return count;
        }

        @Override
        public int write(ByteBuffer source) {
            throw new NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = (int) Math.min(newPosition, bytes.length);
            return this;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
