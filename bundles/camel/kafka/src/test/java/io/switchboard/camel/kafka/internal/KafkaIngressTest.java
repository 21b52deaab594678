package io.switchboard.camel.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.camel.api.SwitchboardHeaders;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingress against a real (embedded) Kafka broker: records become events; bad records are skipped, not stuck. */
class KafkaIngressTest {

    @TempDir
    static Path data;
    private static EmbeddedKafka kafka;

    /** What reached the event: endpoint (the core's dispatcher in the platform). */
    private record Raised(String uri, String account, String payload) {
    }

    private final BlockingQueue<Raised> raised = new LinkedBlockingQueue<>();

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = new EmbeddedKafka(data);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void recordsOfTheTopicAreRaisedAsEventsOfTheirAccountAndTypeAndABadRecordIsSkipped() throws Exception {
        CamelContext camel = context();
        camel.addRoutes(new KafkaIngress(config("system-messages", "", "")));
        camel.start();
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(record("system-messages", "{\"bad\":true}", Map.of(SwitchboardHeaders.ACCOUNT, "acme"))).get();
            producer.send(record("system-messages", "{\"conversationId\":\"c-1\"}", Map.of(SwitchboardHeaders.ACCOUNT, "acme",
                    KafkaIngress.EVENT_TYPE, "controllerbot_messaging_conversation_end"))).get();

            Raised event = raised.poll(60, TimeUnit.SECONDS);

            assertThat(event).isEqualTo(new Raised("event://acme/controllerbot_messaging_conversation_end?trigger=EVENT", "acme",
                    "{\"conversationId\":\"c-1\"}"));
        } finally {
            camel.stop();
        }
    }

    @Test
    void aConfiguredAccountAndTypeApplyToEveryRecord() throws Exception {
        CamelContext camel = context();
        camel.addRoutes(new KafkaIngress(config("bots", "globex", "bot_connectors_custom_integration")));
        camel.start();
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(record("bots", "{\"message\":\"hi\"}", Map.of(SwitchboardHeaders.ACCOUNT, "ignored"))).get();

            Raised event = raised.poll(60, TimeUnit.SECONDS);

            assertThat(event).isNotNull();
            assertThat(event.account()).isEqualTo("globex");
            assertThat(event.uri()).contains("bot_connectors_custom_integration");
        } finally {
            camel.stop();
        }
    }

    @Test
    void aTopicThatIsNoKafkaNameIsRefused() {
        assertThatThrownBy(() -> new KafkaIngress(config("bad topic&x=1", "", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic");
    }

    private CamelContext context() {
        CamelContext camel = new DefaultCamelContext();
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
                                raised.add(new Raised(getEndpoint().getEndpointUri(),
                                        exchange.getMessage().getHeader(SwitchboardHeaders.ACCOUNT, String.class),
                                        exchange.getMessage().getBody(String.class)));
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
        return camel;
    }

    private static KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", kafka.bootstrapServers());
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static ProducerRecord<String, String> record(String topic, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, value);
        headers.forEach((key, header) -> record.headers().add(key, header.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static KafkaIngressConfiguration config(String topic, String account, String eventType) {
        return new KafkaIngressConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return KafkaIngressConfiguration.class;
            }

            @Override
            public String topic() {
                return topic;
            }

            @Override
            public String bootstrapServers() {
                return kafka.bootstrapServers();
            }

            @Override
            public String groupId() {
                return "itest-" + topic;
            }

            @Override
            public String eventTypeId() {
                return eventType;
            }

            @Override
            public String account() {
                return account;
            }

            @Override
            public int consumers() {
                return 1;
            }

            @Override
            public String autoOffsetReset() {
                return "earliest";
            }
        };
    }
}
