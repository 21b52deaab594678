import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What one call to a function in another JVM costs beyond the call itself (issue 18: an opt-in out-of-process
 * executor pool). The client sends a length-prefixed request of N bytes (a JSON payload) over a local socket, the
 * worker JVM reads it, turns it into a String and back (the decoding and encoding a pool would do), and answers a
 * reply of the same size. Measured per round trip: wall time (median, p99) and the CPU time both processes spent
 * (process CPU time before/after, so both ends and the kernel's socket work are counted).
 *
 * <pre>bench/ipc/run.sh</pre> (compiles this file and runs it for both transports and three payload sizes). The
 * client starts the worker JVM itself (same class path) and stops it at the end.
 */
public final class IpcRoundTrip {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("worker")) {
            worker(args[1], args[2]);
            return;
        }
        String transport = args.length > 0 ? args[0] : "unix";
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 2048;
        int calls = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        Path socket = Files.createTempDirectory("ipc").resolve("worker.sock");
        String address = transport.equals("unix") ? socket.toString() : "0";
        Path portFile = Files.createTempFile("ipc", ".port");
        Process worker = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), IpcRoundTrip.class.getName(),
                "worker", transport + ":" + address, portFile.toString()).inheritIO().start();
        try {
            SocketChannel channel = connect(transport, socket, portFile);
            byte[] payload = payload(size);
            run(channel, payload, calls / 2); // warm-up: both JITs, the buffers
            long cpuBefore = cpu() + workerCpu(worker.pid());
            long[] nanos = run(channel, payload, calls);
            long cpuAfter = cpu() + workerCpu(worker.pid());
            Arrays.sort(nanos);
            long total = Arrays.stream(nanos).sum();
            System.out.printf("IPCJSON {\"transport\":\"%s\",\"bytes\":%d,\"calls\":%d,\"mean_us\":%.2f,\"p50_us\":%.2f,"
                    + "\"p99_us\":%.2f,\"cpu_us_per_call\":%.2f}%n", transport, size, calls, total / 1e3 / calls,
                    nanos[calls / 2] / 1e3, nanos[(int) (calls * 0.99)] / 1e3, (cpuAfter - cpuBefore) / 1e3 / calls);
            channel.close();
        } finally {
            worker.destroy();
            worker.waitFor();
            Files.deleteIfExists(socket);
            Files.deleteIfExists(portFile);
        }
    }

    private static SocketChannel connect(String transport, Path socket, Path portFile) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                if (transport.equals("unix")) {
                    SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
                    c.connect(UnixDomainSocketAddress.of(socket));
                    return c;
                }
                String port = Files.readString(portFile).trim();
                if (!port.isEmpty()) {
                    SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", Integer.parseInt(port)));
                    c.socket().setTcpNoDelay(true);
                    return c;
                }
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the worker did not listen within 60 s");
            }
            Thread.onSpinWait();
        }
    }

    private static long[] run(SocketChannel channel, byte[] payload, int calls) throws IOException {
        long[] nanos = new long[calls];
        ByteBuffer out = ByteBuffer.allocateDirect(payload.length + 4);
        ByteBuffer in = ByteBuffer.allocateDirect(payload.length + 4);
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            out.clear();
            out.putInt(payload.length).put(payload).flip();
            while (out.hasRemaining()) {
                channel.write(out);
            }
            byte[] reply = read(channel, in);
            nanos[i] = System.nanoTime() - t0;
            if (reply.length != payload.length) {
                throw new IOException("reply of " + reply.length + " bytes, expected " + payload.length);
            }
        }
        return nanos;
    }

    private static byte[] read(SocketChannel channel, ByteBuffer in) throws IOException {
        in.clear().limit(4);
        fill(channel, in);
        int length = in.flip().getInt();
        in.clear().limit(length);
        fill(channel, in);
        byte[] bytes = new byte[length];
        in.flip().get(bytes);
        return bytes;
    }

    private static void fill(SocketChannel channel, ByteBuffer in) throws IOException {
        while (in.hasRemaining()) {
            if (channel.read(in) < 0) {
                throw new IOException("closed");
            }
        }
    }

    private static void worker(String where, String portFile) throws IOException {
        String[] t = where.split(":", 2);
        ServerSocketChannel server;
        if (t[0].equals("unix")) {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(t[1]));
        } else {
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            Files.writeString(Path.of(portFile), Integer.toString(((InetSocketAddress) server.getLocalAddress()).getPort()));
        }
        try (SocketChannel c = server.accept()) {
            if (!t[0].equals("unix")) {
                c.socket().setTcpNoDelay(true);
            }
            ByteBuffer in = ByteBuffer.allocateDirect(1 << 20);
            ByteBuffer out = ByteBuffer.allocateDirect(1 << 20);
            while (true) {
                byte[] request = read(c, in);
                // what a pool's worker would do at least: decode the request's JSON text and encode the reply's
                byte[] reply = new String(request, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
                out.clear();
                out.putInt(reply.length).put(reply).flip();
                while (out.hasRemaining()) {
                    c.write(out);
                }
            }
        } catch (IOException closed) {
            // the client is done
        }
    }

    private static byte[] payload(int size) {
        StringBuilder b = new StringBuilder("{\"conversationId\":\"c-1\",\"text\":\"");
        while (b.length() < size - 2) {
            b.append('x');
        }
        return b.append("\"}").substring(0, size).getBytes(StandardCharsets.UTF_8);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** utime + stime of the worker from /proc (clock ticks of 10 ms: enough over tens of thousands of calls). */
    private static long workerCpu(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }
}
