package io.switchboard.executor.graaljs.internal.compat;

import static io.switchboard.executor.graaljs.internal.compat.Compat.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.executor.graaljs.internal.ExecutorHarness;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Node's globals as LivePerson functions use them, each proven by a known answer. */
class NodeGlobalsTest {
    private static ExecutorHarness harness;

    @BeforeAll
    static void start() {
        harness = new ExecutorHarness(Map.of());
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void bufferEncodesAndDecodesAsNodeDoes() {
        assertThat(run(harness, """
                async function lambda() {
                  const b = Buffer.from('héllo wörld');
                  return [b.toString('base64'), b.toString('hex').slice(0, 8), Buffer.from('aGk=', 'base64').toString(), Buffer.isBuffer(b),
                    Buffer.concat([Buffer.from([1, 2]), Buffer.alloc(1)]).length, require('buffer').Buffer === Buffer];
                }"""))
                .isEqualTo("[\"aMOpbGxvIHfDtnJsZA==\",\"68c3a96c\",\"hi\",true,3,true]");
    }

    @Test
    void urlAndSearchParamsFollowTheWhatwgStandard() {
        assertThat(run(harness, """
                async function lambda() {
                  const url = new URL('/path/../a b?x=1&y=two#frag', 'https://User@Example.com:8443/base/');
                  url.searchParams.append('z', 'ä&');
                  const params = new URLSearchParams({ q: 'a b', n: 1 });
                  return [url.href, url.host, url.pathname, url.searchParams.get('y'), params.toString(), require('url').URL === URL];
                }"""))
                .isEqualTo("[\"https://User@example.com:8443/a%20b?x=1&y=two&z=%C3%A4%26#frag\",\"example.com:8443\","
                        + "\"/a%20b\",\"two\",\"q=a+b&n=1\",true]");
    }

    @Test
    void textEncodingBase64AndStructuredCloneWork() {
        assertThat(run(harness, """
                async function lambda() {
                  const bytes = new TextEncoder().encode('€');
                  const clone = structuredClone({ when: new Date(0), tags: new Set(['a']), nested: { n: 1 } });
                  return [Array.from(bytes), new TextDecoder().decode(bytes), btoa('hi!'), atob('aGkh'),
                    clone.when instanceof Date, clone.tags.has('a'), clone.nested.n];
                }"""))
                .isEqualTo("[[226,130,172],\"€\",\"aGkh\",\"hi!\",true,true,1]");
    }

    @Test
    void timersIntervalsImmediatesAndMicrotasksRunInNodeOrder() {
        assertThat(run(harness, """
                function lambda(input, callback) {
                  const order = [];
                  let ticks = 0;
                  const interval = setInterval(() => {
                    ticks++;
                    if (ticks === 3) {
                      clearInterval(interval);
                      callback(null, { order, ticks });
                    }
                  }, 2);
                  setTimeout(() => order.push('timeout'), 0);
                  setImmediate(() => order.push('immediate'));
                  queueMicrotask(() => order.push('microtask'));
                  process.nextTick(() => order.push('tick'));
                  order.push('sync');
                }"""))
                .isEqualTo("{\"order\":[\"sync\",\"microtask\",\"tick\",\"timeout\",\"immediate\"],\"ticks\":3}");
    }

    @Test
    void globalModuleAndExportsExistAsInNode() {
        assertThat(run(harness, """
                async function lambda() {
                  return [global === globalThis, typeof module, typeof exports, module.exports === exports, typeof require];
                }"""))
                .isEqualTo("[true,\"object\",\"object\",true,\"function\"]");
    }

    @Test
    void cryptoHashesAndHmacsMatchKnownVectors() {
        assertThat(run(harness, """
                const crypto = require('crypto');
                async function lambda() {
                  const fox = 'The quick brown fox jumps over the lazy dog';
                  return [
                    crypto.createHash('sha256').update('abc').digest('hex'),
                    crypto.createHash('sha1').update('a').update('bc').digest('base64'),
                    crypto.createHash('sha512').update('abc').digest('hex').slice(0, 32),
                    crypto.createHmac('sha256', 'key').update(fox).digest('hex'),
                    crypto.createHmac('sha1', Buffer.from('key')).update(fox).digest('hex'),
                    crypto.createHmac('sha512', '').update('').digest('hex').slice(0, 16),
                  ];
                }"""))
                .isEqualTo("[\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\",\"qZk+NkcGgWq6PiVxeFDCbJzQ2J0=\","
                        + "\"ddaf35a193617abacc417349ae204131\",\"f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8\","
                        + "\"de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9\",\"b936cee86c9f87aa\"]");
    }

    @Test
    void cryptoRandomnessHasTheRightShape() {
        assertThat(run(harness, """
                async function lambda() {
                  const node = require('node:crypto');
                  const values = crypto.getRandomValues(new Uint32Array(4));
                  const uuid = crypto.randomUUID();
                  return [/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(uuid), node.randomUUID() !== uuid,
                    node.randomBytes(16).length, values.length, node.randomInt(5) < 5, node.timingSafeEqual(Buffer.from('a'), Buffer.from('a'))];
                }"""))
                .isEqualTo("[true,true,16,4,true,true]");
    }

    @Test
    void processLooksLikeNode22AndItsVersionIsReadOnly() {
        assertThat(run(harness, """
                async function lambda() {
                  process.version = 'v1';
                  return [process.version, process.versions.node, typeof process.nextTick, process.platform];
                }"""))
                .isEqualTo("[\"v22.12.0\",\"22.12.0\",\"function\",\"linux\"]");
    }

    @Test
    void nodeModulesForEventsUtilAndStreamWork() {
        assertThat(run(harness, """
                const EventEmitter = require('events');
                const util = require('util');
                const { Readable } = require('stream');
                function lambda(input, callback) {
                  const emitter = new EventEmitter();
                  emitter.on('hi', (name) => {
                    const chunks = [];
                    Readable.from(['a', 'b']).on('data', (c) => chunks.push(c)).on('end', () =>
                      callback(null, [util.format('%s=%d', name, 42), chunks.join(''), util.inspect({ x: 1 })]));
                  });
                  emitter.emit('hi', 'n');
                }"""))
                .isEqualTo("[\"n=42\",\"ab\",\"{ x: 1 }\"]");
    }
}
