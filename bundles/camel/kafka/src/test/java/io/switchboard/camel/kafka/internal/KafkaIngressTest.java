package io.switchboard.camel.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.camel.api.SwitchboardHeaders;
import io.switchboard.core.api.dispatch.CapacityExceededException;
import io.switchboard.core.api.dispatch.InvalidPayloadException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingress against a real (embedded) Kafka broker: records become events carrying their source as idempotency key;
 * offsets are committed only after the event is stored; refused records are retried, then dead-lettered.
 */
class KafkaIngressTest {

    @TempDir
    static Path data;
    private static EmbeddedKafka kafka;

    /** What reached the event: endpoint (the core's dispatcher in the platform). */
    private record Raised(String uri, String account, String payload, String idempotencyKey) {
    }

    private final BlockingQueue<Raised> raised = new LinkedBlockingQueue<>();
    private final List<String> attempts = new CopyOnWriteArrayList<>();
    /** What the event: endpoint does with each exchange before it counts as stored; may throw to refuse it. */
    private volatile Consumer<Exchange> core = exchange -> { };
    private CamelContext camel;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new EmbeddedKafka(data);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @AfterEach
    void stopCamel() {
        if (camel != null) {
            camel.stop();
        }
    }

    @Test
    void recordsAreRaisedWithTheirSourceAsIdempotencyKeyAndCommittedOnceStored() throws Exception {
        String topic = topic();
        start(config(topic, "", ""));
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(record(topic, "{\"conversationId\":\"c-1\"}", Map.of(SwitchboardHeaders.ACCOUNT, "acme",
                    KafkaIngress.EVENT_TYPE, "controllerbot_messaging_conversation_end"))).get();
            producer.send(record(topic, "{\"conversationId\":\"c-2\"}", Map.of(SwitchboardHeaders.ACCOUNT, "acme",
                    KafkaIngress.EVENT_TYPE, "controllerbot_messaging_conversation_end"))).get();

            Raised first = raised.poll(60, TimeUnit.SECONDS);
            Raised second = raised.poll(60, TimeUnit.SECONDS);

            assertThat(first).isEqualTo(new Raised("event://acme/controllerbot_messaging_conversation_end?trigger=EVENT", "acme",
                    "{\"conversationId\":\"c-1\"}", "kafka:" + topic + "/0/0"));
            assertThat(second.idempotencyKey()).isEqualTo("kafka:" + topic + "/0/1");
            await("both offsets committed", () -> committed(topic) == 2);
        }
    }

    @Test
    void aRecordIsNotCommittedWhileItsEventIsNotStoredYet() throws Exception {
        String topic = topic();
        CountDownLatch storing = new CountDownLatch(1);
        CountDownLatch stored = new CountDownLatch(1);
        core = exchange -> {
            storing.countDown();
            try {
                stored.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        start(config(topic, "acme", "controllerbot_messaging_conversation_end"));
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(record(topic, "{\"n\":1}", Map.of())).get();

            assertThat(storing.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(committed(topic)).as("committed offset while the core stores the event").isEqualTo(-1);
            stored.countDown();

            await("the offset committed once the event is stored", () -> committed(topic) == 1);
        }
    }

    @Test
    void aRefusedRecordIsRetriedThenSentToTheDeadLetterTopicAndTheTopicMovesOn() throws Exception {
        String topic = topic();
        core = exchange -> {
            if (exchange.getMessage().getBody(String.class).contains("refused")) {
                throw new CapacityExceededException("Event of account acme is at its concurrency limit", Duration.ofSeconds(1));
            }
        };
        start(config(topic, "acme", "controllerbot_messaging_conversation_end", "maximumRedeliveries", 2, "redeliveryDelayMs", 10L));
        try (KafkaProducer<String, String> producer = producer(); KafkaConsumer<String, String> deadLetters = consumer(topic + ".dlt")) {
            producer.send(record(topic, "{\"refused\":true}", Map.of())).get();
            producer.send(record(topic, "{\"fine\":true}", Map.of())).get();

            ConsumerRecord<String, String> dead = pollOne(deadLetters);
            Raised next = raised.poll(60, TimeUnit.SECONDS);

            assertThat(dead.value()).isEqualTo("{\"refused\":true}");
            assertThat(header(dead, KafkaIngress.DEAD_LETTER_REASON)).contains("CapacityExceededException", "concurrency limit");
            assertThat(header(dead, KafkaIngress.SOURCE)).isEqualTo("kafka:" + topic + "/0/0");
            assertThat(attempts).filteredOn(a -> a.contains("refused")).hasSize(3);
            assertThat(next.payload()).isEqualTo("{\"fine\":true}");
            await("both offsets committed", () -> committed(topic) == 2);
        }
    }

    @Test
    void aRecordThatCanNeverBeAnEventIsDeadLetteredWithoutRetries() throws Exception {
        String topic = topic();
        core = exchange -> {
            throw new InvalidPayloadException("The payload does not match the event's schema", List.of());
        };
        start(config(topic, "", "controllerbot_messaging_conversation_end", "maximumRedeliveries", 5, "redeliveryDelayMs", 1_000L));
        try (KafkaProducer<String, String> producer = producer(); KafkaConsumer<String, String> deadLetters = consumer(topic + ".dlt")) {
            producer.send(record(topic, "{\"no\":\"account\"}", Map.of())).get();
            producer.send(record(topic, "{\"bad\":\"payload\"}", Map.of(SwitchboardHeaders.ACCOUNT, "acme"))).get();

            ConsumerRecord<String, String> noAccount = pollOne(deadLetters);
            ConsumerRecord<String, String> badPayload = pollOne(deadLetters);

            assertThat(header(noAccount, KafkaIngress.DEAD_LETTER_REASON)).contains("SwitchboardAccount");
            assertThat(header(badPayload, KafkaIngress.DEAD_LETTER_REASON)).contains("InvalidPayloadException");
            assertThat(attempts).hasSize(1);
            await("both offsets committed", () -> committed(topic) == 2);
        }
    }

    @Test
    void aTopicThatIsNoKafkaNameIsRefused() {
        assertThatThrownBy(() -> new KafkaIngress(config("bad topic&x=1", "", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic");
        assertThatThrownBy(() -> new KafkaIngress(config("events", "", "", "deadLetterTopic", "events")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deadLetterTopic");
    }

    private void start(KafkaIngressConfiguration config) throws Exception {
        camel = new DefaultCamelContext();
        camel.addComponent("event", new DefaultComponent() {
            @Override
            protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
                parameters.clear();
                return new DefaultEndpoint(uri, this) {
                    @Override
                    public org.apache.camel.Producer createProducer() {
                        return new DefaultProducer(this) {
                            @Override
                            public void process(Exchange exchange) {
                                attempts.add(exchange.getMessage().getBody(String.class));
                                core.accept(exchange);
                                raised.add(new Raised(getEndpoint().getEndpointUri(),
                                        exchange.getMessage().getHeader(SwitchboardHeaders.ACCOUNT, String.class),
                                        exchange.getMessage().getBody(String.class),
                                        exchange.getMessage().getHeader(SwitchboardHeaders.IDEMPOTENCY_KEY, String.class)));
                            }
                        };
                    }

                    @Override
                    public org.apache.camel.Consumer createConsumer(org.apache.camel.Processor processor) {
                        throw new UnsupportedOperationException();
                    }
                };
            }
        });
        camel.addRoutes(new KafkaIngress(config));
        camel.start();
    }

    private static String topic() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The group's committed offset of partition 0, -1 when none was committed. */
    private static long committed(String topic) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("itest-" + topic)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            OffsetAndMetadata offset = offsets.get(new TopicPartition(topic, 0));
            return offset == null ? -1 : offset.offset();
        } catch (Exception e) {
            throw new AssertionError("Cannot read the committed offsets of " + topic, e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within 60 s: " + what);
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling the broker against the deadline above
        }
    }

    private static KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String topic) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        properties.put("group.id", "reader-" + topic);
        properties.put("auto.offset.reset", "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private final List<ConsumerRecord<String, String>> polled = new CopyOnWriteArrayList<>();

    private ConsumerRecord<String, String> pollOne(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (polled.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No record on the dead-letter topic within 60 s");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(polled::add);
        }
        return polled.remove(0);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static ProducerRecord<String, String> record(String topic, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, value);
        headers.forEach((key, header) -> record.headers().add(key, header.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** The annotation's defaults, with the topic, account, event type and the given keys replaced. */
    private static KafkaIngressConfiguration config(String topic, String account, String eventType, Object... overrides) {
        Map<String, Object> values = new HashMap<>();
        values.put("topic", topic);
        values.put("account", account);
        values.put("eventTypeId", eventType);
        values.put("bootstrapServers", kafka == null ? "localhost:9092" : kafka.bootstrapServers());
        values.put("groupId", "itest-" + topic);
        for (int i = 0; i < overrides.length; i += 2) {
            values.put((String) overrides[i], overrides[i + 1]);
        }
        return (KafkaIngressConfiguration) Proxy.newProxyInstance(KafkaIngressConfiguration.class.getClassLoader(),
                new Class<?>[] {KafkaIngressConfiguration.class}, (proxy, method, args) -> values.containsKey(method.getName())
                        ? values.get(method.getName()) : method.getDefaultValue());
    }
}
