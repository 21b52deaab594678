package io.switchboard.itests.sources;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A single-node KRaft Kafka broker (and a producer) started beside the framework, in the test's JVM, from the class
 * path the switchboard.camel.kafka module's build wrote down. The itests' own class path has no Kafka, so the broker
 * lives in a class loader of its own and is driven reflectively.
 */
public final class KafkaBroker implements AutoCloseable {

    private final URLClassLoader loader;
    private final Object server;
    private final Object producer;
    private final String bootstrapServers;

    public KafkaBroker(Path classPathFile, Path dataFolder) throws Exception {
        loader = new URLClassLoader(urls(classPathFile), ClassLoader.getPlatformClassLoader());
        int[] ports = freePorts(2);
        int brokerPort = ports[0];
        int controllerPort = ports[1];
        String logs = dataFolder.toAbsolutePath().toString();
        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        properties.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", logs);
        properties.put("num.partitions", "1");
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Class<?> configClass = loader.loadClass("kafka.server.KafkaConfig");
            Object config = configClass.getConstructor(Map.class).newInstance(properties);
            format(logs);
            Class<?> time = loader.loadClass("org.apache.kafka.common.utils.Time");
            server = loader.loadClass("kafka.server.KafkaRaftServer").getConstructor(configClass, time)
                    .newInstance(config, time.getField("SYSTEM").get(null));
            server.getClass().getMethod("startup").invoke(server);
            bootstrapServers = "127.0.0.1:" + brokerPort;
            Properties producerProperties = new Properties();
            producerProperties.put("bootstrap.servers", bootstrapServers);
            producerProperties.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
            producerProperties.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
            producer = loader.loadClass("org.apache.kafka.clients.producer.KafkaProducer").getConstructor(Properties.class)
                    .newInstance(producerProperties);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Sends one record and waits until the broker has it. */
    public void send(String topic, String value, Map<String, String> headers) throws Exception {
        Object record = loader.loadClass("org.apache.kafka.clients.producer.ProducerRecord")
                .getConstructor(String.class, Object.class).newInstance(topic, value);
        Object recordHeaders = record.getClass().getMethod("headers").invoke(record);
        Method add = recordHeaders.getClass().getMethod("add", String.class, byte[].class);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            add.invoke(recordHeaders, header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
        }
        Method send = producer.getClass().getMethod("send", loader.loadClass("org.apache.kafka.clients.producer.ProducerRecord"));
        ((Future<?>) send.invoke(producer, record)).get(30, TimeUnit.SECONDS);
    }

    /**
     * Sets the group's committed offset of the topic's partition 0 back to {@code offset}, as a crash between storing
     * an event and committing its record would leave it (the group must have no running consumer).
     */
    void rewind(String group, String topic, long offset) throws Exception {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrapServers);
        Class<?> adminClass = loader.loadClass("org.apache.kafka.clients.admin.Admin");
        Object admin = adminClass.getMethod("create", Properties.class).invoke(null, properties);
        try {
            Object partition = loader.loadClass("org.apache.kafka.common.TopicPartition").getConstructor(String.class, int.class)
                    .newInstance(topic, 0);
            Object position = loader.loadClass("org.apache.kafka.clients.consumer.OffsetAndMetadata").getConstructor(long.class)
                    .newInstance(offset);
            Object result = adminClass.getMethod("alterConsumerGroupOffsets", String.class, Map.class)
                    .invoke(admin, group, Map.of(partition, position));
            ((Future<?>) result.getClass().getMethod("all").invoke(result)).get(30, TimeUnit.SECONDS);
        } finally {
            adminClass.getMethod("close").invoke(admin);
        }
    }

    /** The group's committed offset of the topic's partition 0; -1 when none. */
    long committed(String group, String topic) throws Exception {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrapServers);
        Class<?> adminClass = loader.loadClass("org.apache.kafka.clients.admin.Admin");
        Object admin = adminClass.getMethod("create", Properties.class).invoke(null, properties);
        try {
            Object result = adminClass.getMethod("listConsumerGroupOffsets", String.class).invoke(admin, group);
            Map<?, ?> offsets = (Map<?, ?>) ((Future<?>) result.getClass().getMethod("partitionsToOffsetAndMetadata").invoke(result))
                    .get(30, TimeUnit.SECONDS);
            Object partition = loader.loadClass("org.apache.kafka.common.TopicPartition").getConstructor(String.class, int.class)
                    .newInstance(topic, 0);
            Object offset = offsets.get(partition);
            return offset == null ? -1 : (long) offset.getClass().getMethod("offset").invoke(offset);
        } finally {
            adminClass.getMethod("close").invoke(admin);
        }
    }

    @Override
    public void close() throws ReflectiveOperationException, IOException {
        producer.getClass().getMethod("close").invoke(producer);
        server.getClass().getMethod("shutdown").invoke(server);
        server.getClass().getMethod("awaitShutdown").invoke(server);
        loader.close();
    }

    private void format(String logs) throws Exception {
        Class<?> formatterClass = loader.loadClass("org.apache.kafka.metadata.storage.Formatter");
        Object formatter = formatterClass.getConstructor().newInstance();
        formatterClass.getMethod("setPrintStream", PrintStream.class).invoke(formatter, new PrintStream(OutputStream.nullOutputStream()));
        formatterClass.getMethod("setNodeId", int.class).invoke(formatter, 1);
        formatterClass.getMethod("setClusterId", String.class).invoke(formatter, randomClusterId());
        formatterClass.getMethod("setDirectories", Collection.class).invoke(formatter, List.of(logs));
        Class<?> metadataVersion = loader.loadClass("org.apache.kafka.server.common.MetadataVersion");
        formatterClass.getMethod("setReleaseVersion", metadataVersion)
                .invoke(formatter, metadataVersion.getField("LATEST_PRODUCTION").get(null));
        formatterClass.getMethod("setControllerListenerName", String.class).invoke(formatter, "CONTROLLER");
        formatterClass.getMethod("setMetadataLogDirectory", String.class).invoke(formatter, logs);
        formatterClass.getMethod("run").invoke(formatter);
    }

    private String randomClusterId() throws Exception {
        Class<?> uuid = loader.loadClass("org.apache.kafka.common.Uuid");
        return uuid.getMethod("randomUuid").invoke(null).toString();
    }

    /** The recorded class path, without an SLF4J binding (the broker logs nowhere). */
    private static URL[] urls(Path classPathFile) throws IOException {
        List<URL> urls = new ArrayList<>();
        for (String entry : Files.readString(classPathFile).trim().split(java.io.File.pathSeparator)) {
            if (!entry.contains("slf4j-simple")) {
                try {
                    urls.add(Path.of(entry).toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IOException("Bad class path entry " + entry, e);
                }
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** Distinct free loopback ports: all sockets stay open until every port is known (one at a time could repeat). */
    private static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    public static String uniqueTopic() {
        return "itest-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
