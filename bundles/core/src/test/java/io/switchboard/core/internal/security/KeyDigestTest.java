package io.switchboard.core.internal.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyDigestTest {

    @Test
    void aKeyIsDigestedToTheLowerCaseHexOfItsSha256AndEachDigestStartsAfresh() {
        // echo -n abc | sha256sum
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(KeyDigest.of("abc")).isEqualTo(abc);
        assertThat(KeyDigest.of("another key")).isNotEqualTo(abc);
        assertThat(KeyDigest.of("abc")).as("the thread's digest is reset after each key").isEqualTo(abc);
    }
}
